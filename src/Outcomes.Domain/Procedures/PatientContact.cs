namespace Outcomes.Domain.Procedures;

/// <summary>
/// How to reach the patient for surveys: an e-mail address and/or a phone number in E.164 form (+ and digits only),
/// and a BCP 47 language tag. Personal data: encrypt at rest, never log.
/// </summary>
public sealed record PatientContact(string? Email, string? Phone, string Language)
{
    public const string DefaultLanguage = "en";

    /// <summary>Its e-mail address and its phone, each as a <see cref="ContactChannel"/>; none once erased.</summary>
    public IReadOnlyList<ContactChannel> Channels => new[] { ContactChannel.Email(Email), ContactChannel.Phone(Phone) }.OfType<ContactChannel>().ToList();

    public override string ToString() => $"PatientContact {{ Language = {Language} }}";   // keeps contact details out of logs
}

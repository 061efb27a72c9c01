using Outcomes.Domain.Procedures;

namespace Outcomes.Storage;

/// <summary>
/// What a read of a procedure tells of its patient's contact besides <see cref="ProcedureRegistration.Contact"/>: which
/// channels are held (kept in clear beside the sealed details, so a listing needs no decryption; null when unknown, for
/// a row stored before they were kept whose details could not be read either) and whether the details were decrypted.
/// When they were not (a listing has no use for them, or they cannot be: <see cref="Unreadable"/>), the registration's
/// contact carries its language only, and nothing may be sent to it nor taken from it.
/// </summary>
public sealed record HeldContact(bool? HasEmail, bool? HasPhone, bool Decrypted, UnreadableContact? Unreadable = null)
{
    /// <summary>What a decrypted (or erased) contact holds.</summary>
    public static HeldContact Of(PatientContact contact) => new(contact.Email is not null, contact.Phone is not null, Decrypted: true);
}

/// <summary>
/// Contact details held but not readable: sealed under a key no longer configured in <see cref="ContactCipher.Setting"/>
/// (an operator removed it too early), or damaged. <see cref="KeyId"/> is the key they name, never any of the data.
/// </summary>
public sealed record UnreadableContact(string? KeyId, bool KeyConfigured)
{
    public string Reason => KeyId is not null && !KeyConfigured
        ? "contact details cannot be read: the key they were sealed under is not configured"
        : "contact details cannot be read: they are damaged";
}

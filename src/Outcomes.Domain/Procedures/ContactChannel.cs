namespace Outcomes.Domain.Procedures;

public enum ContactChannelKind { Email, Phone }

/// <summary>
/// One way to reach a person, written the one way two spellings of it compare equal: an e-mail address trimmed and
/// lower-cased (mail providers treat the local part without case, and for an opt-out matching too much is the safe
/// side), a phone number as its E.164 digits. Personal data: never logged, stored only as a keyed hash.
/// </summary>
public sealed record ContactChannel
{
    private ContactChannel(ContactChannelKind kind, string value) => (Kind, Value) = (kind, value);

    public ContactChannelKind Kind { get; }

    public string Value { get; }

    public static ContactChannel? Email(string? email) =>
        email?.Trim() is { Length: > 0 } trimmed ? new(ContactChannelKind.Email, trimmed.ToLowerInvariant()) : null;

    /// <summary>"+49 151 1234-5678" → "4915112345678"; null when there are no digits.</summary>
    public static ContactChannel? Phone(string? phone) =>
        phone is not null && new string(phone.Where(char.IsAsciiDigit).ToArray()) is { Length: > 0 } digits ? new(ContactChannelKind.Phone, digits) : null;

    public override string ToString() => $"ContactChannel {{ Kind = {Kind} }}";   // keeps the address out of logs
}

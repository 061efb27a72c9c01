using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft "The Idempotency-Key HTTP Header Field"): a value the
/// client chooses once per operation and sends again with every retry of it, as a structured-field string ("…") or bare.
/// </summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>
    /// The key, or why the header's value is not one; (null, null) when the header was not sent. <paramref name="header"/>
    /// is its value as bound (null when empty), <paramref name="sent"/> whether the request has the header at all.
    /// </summary>
    public static (string? Key, Rejection? Why) Read(string? header, bool sent)
    {
        if (!sent)
            return (null, null);
        header ??= "";
        var key = header.Length >= 2 && header[0] == '"' && header[^1] == '"' ? header[1..^1] : header;
        return key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~' || c is '"' or '\\')
            ? (null, Rejection.Invalid(Header, $"The {Header} header is 1 to {MaxLength} visible ASCII characters (a UUID, say), chosen once per registration and sent again with each retry of it."))
            : (key, null);
    }
}

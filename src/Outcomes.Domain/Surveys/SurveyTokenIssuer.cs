using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Outcomes.Domain.Surveys;

/// <summary>
/// Issues and checks the tokens in survey links, in two forms that both verify: <see cref="Issue"/>'s
/// <c>base64url(payload).base64url(HMAC-SHA256(key, payload part))</c>, where the payload is
/// <c>{"k":key id,"f":follow-up id,"e":expiry in Unix seconds}</c>, and <see cref="IssueCompact"/>'s
/// <c>base64url(payload).base64url(first 128 bits of HMAC-SHA256(key, payload))</c> with the same three in bytes
/// (<see cref="CompactPayload"/>), less than half as long, for links in text messages. A 128-bit tag leaves a forger
/// one chance in 2^128 per try (NIST SP 800-107 rev. 1 allows truncating an HMAC so); the compact payload starts with a
/// version byte no JSON payload part can start with, so neither form's tag can stand for the other's. A token names one
/// follow-up and nothing about the patient, so the follow-up id must be an opaque id, never a patientRef or contact detail.
/// </summary>
public sealed class SurveyTokenIssuer(SurveyTokenKeyring keyring)
{
    public const int MaxFollowUpIdLength = 100;
    /// <summary>Far above any genuine token (about 250 characters); longer input is refused before any work.</summary>
    public const int MaxTokenLength = 512;

    private const int MacBytes = 32;
    private const int CompactMacBytes = 16;

    public string Issue(string followUpId, DateTimeOffset expiresAt)
    {
        RequireFollowUpId(followUpId);
        var key = keyring.Current;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(key.Id, followUpId, expiresAt.ToUnixTimeSeconds()), PayloadJson.Default.Payload);
        var payloadPart = Base64Url.EncodeToString(payload);
        return $"{payloadPart}.{Base64Url.EncodeToString(Mac(key, payloadPart))}";
    }

    /// <summary>The compact form, about 70 characters for a registered procedure's follow-up; expiring by 2106.</summary>
    public string IssueCompact(string followUpId, DateTimeOffset expiresAt)
    {
        RequireFollowUpId(followUpId);
        if (!CompactPayload.CanHold(expiresAt))
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "A compact token expires between 1970 and 2106.");
        var key = keyring.Current;
        var payload = CompactPayload.Write(key.Id, followUpId, expiresAt);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(CompactMac(key, payload))}";
    }

    /// <summary>Checks a token from a link. Never throws, whatever the input.</summary>
    public SurveyTokenCheck Verify(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return SurveyTokenCheck.Tampered;
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot != token.LastIndexOf('.')) return SurveyTokenCheck.Tampered;
        var payloadPart = token[..dot];
        if (!TryDecodeCanonical(payloadPart, out var payloadBytes) || !TryDecodeCanonical(token[(dot + 1)..], out var mac))
            return SurveyTokenCheck.Tampered;
        var compact = payloadBytes.Length > 0 && payloadBytes[0] == CompactPayload.Version;
        if (mac.Length != (compact ? CompactMacBytes : MacBytes)) return SurveyTokenCheck.Tampered;
        if ((compact ? ReadCompact(payloadBytes) : ReadPayload(payloadBytes)) is not { } payload) return SurveyTokenCheck.Tampered;
        if (keyring.Find(payload.KeyId) is not { } key) return SurveyTokenCheck.UnknownKey;
        if (!CryptographicOperations.FixedTimeEquals(mac, compact ? CompactMac(key, payloadBytes) : Mac(key, payloadPart))) return SurveyTokenCheck.Tampered;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAtUnix);
        return now >= expiresAt
            ? new SurveyTokenCheck.Expired(payload.FollowUpId, expiresAt)
            : new SurveyTokenCheck.Valid(payload.FollowUpId, expiresAt);
    }

    private static byte[] Mac(SurveyTokenKey key, string payloadPart) =>
        HMACSHA256.HashData(key.Secret, Encoding.ASCII.GetBytes(payloadPart));

    private static byte[] CompactMac(SurveyTokenKey key, byte[] payload) => HMACSHA256.HashData(key.Secret, payload)[..CompactMacBytes];

    private static Payload? ReadCompact(byte[] bytes) =>
        CompactPayload.Read(bytes) is { } read && IsFollowUpId(read.FollowUpId) ? new Payload(read.KeyId, read.FollowUpId, read.ExpiresAtUnix) : null;

    private static void RequireFollowUpId(string followUpId)
    {
        if (!IsFollowUpId(followUpId))
            throw new ArgumentException($"A follow-up id is 1–{MaxFollowUpIdLength} printable ASCII characters without spaces.", nameof(followUpId));
    }

    // Base64 leaves spare bits in the last character; a decoder that ignores them accepts several spellings of one
    // token. Only the spelling we would have written counts, so every changed character is a changed token.
    private static bool TryDecodeCanonical(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        // Base64Url.TryDecodeFromChars throws on some malformed input; Convert.TryFromBase64String does not.
        var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out var written)) return false;
        bytes = buffer[..written];
        return Base64Url.EncodeToString(bytes) == text;
    }

    private static Payload? ReadPayload(byte[] json)
    {
        try
        {
            var payload = JsonSerializer.Deserialize(json, PayloadJson.Default.Payload);
            return payload is { KeyId: not null, FollowUpId: not null } && IsFollowUpId(payload.FollowUpId)
                && payload.ExpiresAtUnix is > 0 and < 253402300800   // DateTimeOffset's range
                ? payload : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsFollowUpId(string? id) =>
        id is { Length: > 0 and <= MaxFollowUpIdLength } && id.All(c => c is > ' ' and <= '~');
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Outcomes.Domain.Procedures;

namespace Outcomes.Storage;

/// <summary>
/// Encrypts patients' personal data (contact details at rest, answers inside queue messages) with AES-256-GCM under a key from configuration
/// (<c>Outcomes:ContactKeys</c> = <c>id:base64key;older-id:base64key</c>, the first one current). Each ciphertext names
/// its key id, so keys can rotate while older records stay readable.
/// </summary>
public sealed class ContactCipher
{
    public const string Setting = "Outcomes:ContactKeys";
    private const int NonceSize = 12, TagSize = 16;
    private readonly (string Id, byte[] Key) current;
    private readonly Dictionary<string, byte[]> keys;

    public ContactCipher(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
            throw new InvalidOperationException($"Set {Setting} (id:base64 of 32 random bytes) so contact details can be encrypted at rest.");
        var parsed = configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        current = parsed[0];
        keys = parsed.ToDictionary(k => k.Id, k => k.Key, StringComparer.Ordinal);
    }

    private sealed record Stored(string? Email, string? Phone);

    public string Encrypt(PatientContact contact) => Seal(JsonSerializer.SerializeToUtf8Bytes(new Stored(contact.Email, contact.Phone)));

    public PatientContact Decrypt(string stored, string language)
    {
        var contact = JsonSerializer.Deserialize<Stored>(Unseal(stored))!;
        return new PatientContact(contact.Email, contact.Phone, language);
    }

    /// <summary>"{key id}:{nonce}:{ciphertext and tag}", all base64; the key id is authenticated with the data.</summary>
    public string Seal(byte[] plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var sealedBytes = new byte[plain.Length + TagSize];
        using var aes = new AesGcm(current.Key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), Encoding.UTF8.GetBytes(current.Id));
        return $"{current.Id}:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The sealed bytes, or a <see cref="CryptographicException"/> when they were changed or sealed under an unknown key.</summary>
    public byte[] Unseal(string stored)
    {
        var parts = stored.Split(':');
        if (parts.Length != 3 || !keys.TryGetValue(parts[0], out var key))
            throw new CryptographicException(KeyIdOf(stored) is { } keyId
                ? $"The data was sealed under key '{keyId}', which is not configured in {Setting}."
                : "The data is not sealed data.");
        try
        {
            var nonce = Convert.FromBase64String(parts[1]);
            var sealedBytes = Convert.FromBase64String(parts[2]);
            if (nonce.Length != NonceSize || sealedBytes.Length < TagSize)
                throw new CryptographicException("The sealed data is cut short.");
            var plain = new byte[sealedBytes.Length - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain, Encoding.UTF8.GetBytes(parts[0]));
            return plain;
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The sealed data is not base64.", e);
        }
    }

    /// <summary>
    /// Why <paramref name="stored"/> cannot be unsealed here: the key id it names (null when it names none a key could
    /// have: a damaged value is never echoed, it might hold anything) and whether that key is configured.
    /// </summary>
    public UnreadableContact WhyUnreadable(string stored) =>
        KeyIdOf(stored) is { } keyId ? new UnreadableContact(keyId, keys.ContainsKey(keyId)) : new UnreadableContact(null, false);

    private static string? KeyIdOf(string stored) =>
        stored.Split(':') is [var id, _, _] && id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? id : null;

    /// <summary>
    /// The lookup key of a phone number under the current contact key, for the index written at registration; null when
    /// the number has no digits. See <see cref="PhoneLookupKeys"/>.
    /// </summary>
    public string? PhoneLookupKey(string phone) => PhoneDigits(phone) is { } digits ? LookupKey(current.Key, PhoneInfo, digits) : null;

    /// <summary>
    /// The lookup keys of a phone number under every configured contact key, the current one first (a number registered
    /// before a key rotation is indexed under an older key): hex of HMAC-SHA256 over its E.164 digits, keyed with
    /// HKDF-SHA256(contact key, info "phone-lookup"). Without the contact key the number cannot be guessed back from its
    /// lookup key by trying every number, and the derived key is never the one that encrypts.
    /// </summary>
    public IReadOnlyList<string> PhoneLookupKeys(string phone) => PhoneDigits(phone) is { } digits ? LookupKeys(PhoneInfo, digits) : [];

    /// <summary>
    /// The lookup keys of a contact channel under every configured contact key, the current one first: a phone's are
    /// exactly <see cref="PhoneLookupKeys"/>, an e-mail address's the same HMAC over its normalised form with info "email-lookup".
    /// </summary>
    public IReadOnlyList<string> LookupKeys(ContactChannel channel) =>
        channel.Kind == ContactChannelKind.Phone ? PhoneLookupKeys(channel.Value) : LookupKeys(EmailInfo, channel.Value);

    /// <summary>The digits of an E.164 number ("+49 151 1234-5678" → "4915112345678"), or null when it has none.</summary>
    public static string? PhoneDigits(string? phone) => ContactChannel.Phone(phone)?.Value;

    private const string PhoneInfo = "phone-lookup", EmailInfo = "email-lookup";

    private IReadOnlyList<string> LookupKeys(string info, string value) =>
        new[] { current.Key }.Concat(keys.Where(k => k.Key != current.Id).Select(k => k.Value)).Select(key => LookupKey(key, info, value)).ToList();

    private static string LookupKey(byte[] contactKey, string info, string value)
    {
        var lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, contactKey, 32, info: Encoding.ASCII.GetBytes(info));
        return Convert.ToHexStringLower(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(value)));
    }

    private static (string Id, byte[] Key) Parse(string entry)
    {
        var colon = entry.IndexOf(':');
        byte[]? key = null;
        if (colon > 0)
            try { key = Convert.FromBase64String(entry[(colon + 1)..]); } catch (FormatException) { }
        if (key is not { Length: 32 })
            throw new InvalidOperationException($"{Setting}: each key is 'id:base64' of 32 bytes (AES-256).");
        return (entry[..colon], key);
    }
}

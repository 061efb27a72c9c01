using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Outcomes.Storage;

/// <summary>
/// The shape of an API key: <c>oc_</c> then 32 random bytes in base64url (43 characters). The prefix makes a leaked
/// key recognisable to secret scanners and to people; only <see cref="Hash"/> of it is ever stored.
/// </summary>
public static class AccessKeySecrets
{
    public const string Prefix = "oc_";
    private const int SecretBytes = 32;
    public static readonly int Length = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    public static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>True when the text could be a key this app issued (cheap; says nothing about whether it is valid).</summary>
    public static bool LooksLikeKey(string text) =>
        text.Length == Length && text.StartsWith(Prefix, StringComparison.Ordinal) && Base64Url.IsValid(text.AsSpan(Prefix.Length));

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes: what the store keeps and looks keys up by.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A key id: public, printable, and unlike a key (no <see cref="Prefix"/>).</summary>
    public static string NewKeyId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}

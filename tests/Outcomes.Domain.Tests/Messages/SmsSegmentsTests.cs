using Outcomes.Domain.Messages;

namespace Outcomes.Domain.Tests.Messages;

public sealed class SmsSegmentsTests
{
    private const string Emoji = "\U0001F600";   // one character, a surrogate pair: two UTF-16 code units

    private static string A(int n) => new('a', n);

    public static TheoryData<string, string, int, int> Gsm7() => new()
    {
        // text, what it is, septets, segments
        { "", "empty: still one message", 0, 1 },
        { A(159), "159 characters", 159, 1 },
        { A(160), "160: the most one message holds", 160, 1 },
        { A(161), "161: two segments of up to 153", 161, 2 },
        { A(306), "two full segments", 306, 2 },
        { A(307), "one more: a third", 307, 3 },
        { A(459), "three full segments", 459, 3 },
        { A(158) + "€", "an extension character takes two septets: 160", 160, 1 },
        { A(159) + "€", "... 161", 161, 2 },
        { A(80) + "{}[]" + A(72), "four extension characters: 160", 160, 1 },
        { A(152) + "€" + A(152), "an escape and its character are not split: 306 septets, three segments", 306, 3 },
        { A(151) + "€" + A(153), "... unless they fit: 306 septets, two segments", 306, 2 },
        { "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", "the basic set beyond ASCII, one septet each", 42, 1 },
        { "Line\r\nbreak", "CR and LF are in the basic set", 11, 1 },
        { "^{}\\[~]|€\f", "the whole extension table", 20, 1 },
    };

    [Theory]
    [MemberData(nameof(Gsm7))]
    public void A_text_in_the_gsm_alphabet_counts_septets_160_in_one_and_153_per_segment(string text, string what, int septets, int segments) =>
        Assert.Equal((what, new SmsLength(SmsEncoding.Gsm7, septets, segments)), (what, SmsSegments.Measure(text)));

    public static TheoryData<string, string, int, int> Ucs2() => new()
    {
        // text, what it is, UTF-16 code units, segments
        { "á" + A(68), "Spanish á is not in the GSM alphabet: the whole text is UCS-2", 69, 1 },
        { "á" + A(69), "70: the most one message holds", 70, 1 },
        { "á" + A(70), "71: two segments of up to 67", 71, 2 },
        { "á" + A(133), "two full segments", 134, 2 },
        { "á" + A(134), "a third", 135, 3 },
        { A(68) + Emoji, "an emoji is two code units: 70", 70, 1 },
        { A(69) + Emoji, "... 71", 71, 2 },
        { A(66) + Emoji + A(66), "a surrogate pair is not split: 134 units, three segments", 134, 3 },
        { A(65) + Emoji + A(67), "... unless it fits: 134 units, two segments", 134, 2 },
        { new string('背', 70), "70 Chinese characters", 70, 1 },
        { new string('背', 71), "71", 71, 2 },
        { A(100) + "€" + "ç", "an extension character costs one unit in UCS-2", 102, 2 },
        { "\uD83D" + A(69), "a lone surrogate still costs its code unit", 70, 1 },
    };

    [Theory]
    [MemberData(nameof(Ucs2))]
    public void A_text_with_any_other_character_counts_utf16_units_70_in_one_and_67_per_segment(string text, string what, int units, int segments) =>
        Assert.Equal((what, new SmsLength(SmsEncoding.Ucs2, units, segments)), (what, SmsSegments.Measure(text)));

    [Theory]
    [InlineData("`")]        // the backtick is ASCII but not GSM
    [InlineData("\t")]
    [InlineData("\u00A0")]   // a no-break space
    [InlineData("’")]        // a typographic apostrophe, as word processors write it
    [InlineData("ç")]        // only the capital Ç is in the alphabet
    [InlineData("í")]
    [InlineData("\u001B")]   // the escape is the alphabet's, not a character of a text
    public void One_character_outside_the_alphabet_makes_the_whole_text_ucs2(string character) =>
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Measure(A(20) + character).Encoding);

    [Fact]
    public void The_basic_set_has_its_128_codes_and_the_extension_table_its_10_characters()
    {
        Assert.Equal(128, SmsSegments.Gsm7Basic.Distinct().Count());
        Assert.Equal(10, SmsSegments.Gsm7Extension.Distinct().Count());
        Assert.Empty(SmsSegments.Gsm7Basic.Intersect(SmsSegments.Gsm7Extension));
        Assert.All(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(c => c != '`'),
            c => Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure(c.ToString()).Encoding));
    }
}

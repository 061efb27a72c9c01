using System.Globalization;

namespace Outcomes.Domain;

/// <summary>
/// Text a clinic names things with (a patient reference, a clinic's name): no control characters and no line or
/// paragraph separators (U+2028, U+2029), which would break a CSV row, a log line or a page's layout.
/// </summary>
public static class SingleLineText
{
    public static bool IsClean(string text) => !text.Any(c => char.IsControl(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}

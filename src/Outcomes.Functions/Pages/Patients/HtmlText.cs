using System.Net;
using System.Text;

namespace Outcomes.Functions.Patients;

/// <summary>
/// Texts made into HTML: everything encoded (clinic names and patients' input can hold markup), and kept well-formed
/// XML (only numeric character references, quoted attributes, closed empty elements) so tests can parse the pages.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The text encoded, line breaks as <c>&lt;br /&gt;</c>.</summary>
    public static string Lines(string text) => Encode(text).Replace("\r\n", "\n").Replace("\n", "<br />");

    /// <summary>
    /// A text with placeholders filled: <paramref name="values"/> are plain text (encoded here), <paramref name="markup"/>
    /// ready HTML such as a link. The literal runs of the text are encoded.
    /// </summary>
    public static string Format(LanguageTexts t, string key, (string Name, string Value)[] values, params (string Name, string Html)[] markup)
    {
        var html = new StringBuilder();
        foreach (var (placeholder, literal) in LanguageTexts.Parts(t[key]))
        {
            if (placeholder is null) html.Append(Lines(literal));
            else if (markup.FirstOrDefault(m => m.Name == placeholder) is { Name: not null } m) html.Append(m.Html);
            else if (values.FirstOrDefault(v => v.Name == placeholder) is { Name: not null } v) html.Append(Lines(v.Value));
            else html.Append(Encode($"{{{placeholder}}}"));
        }
        return html.ToString();
    }

    public static string Format(LanguageTexts t, string key, params (string Name, string Value)[] values) => Format(t, key, values, []);

    public static string Attribute(string name, string? value) => value is null ? "" : $" {name}=\"{Encode(value)}\"";
}

using System.Text.Json;
using System.Text.Unicode;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>
/// Parses JSON from outside the way every door of the app must: UTF-8 only, no property twice in one object (names
/// compared as the readers compare them, ignoring case), and no string or name that is not valid text (a lone UTF-16
/// surrogate escape such as <c>"\ud800"</c>). A refusal names where it is, as the fields' own paths do
/// (<c>contact.email</c>, <c>levels[1]</c>), so nothing past this point meets such input.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <param name="replacementIsBroken">
    /// Whether U+FFFD counts as broken text: yes for a request body, no for the host's invocation envelope, which carries
    /// a body already decoded (its U+FFFD is then refused where that body is read).
    /// </param>
    public static (JsonDocument? Document, Rejection? Why) Parse(ReadOnlyMemory<byte> utf8, bool replacementIsBroken = true)
    {
        if (!Utf8.IsValid(utf8.Span))
            return (null, new Rejection("malformed-json", "The body is not valid JSON.", "The body is not UTF-8 text."));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            return (null, new Rejection("malformed-json", "The body is not valid JSON.", $"Not JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}."));
        }
        if (FirstFault(document.RootElement, null, replacementIsBroken) is { } why)
        {
            document.Dispose();
            return (null, why);
        }
        return (document, null);
    }

    private static Rejection? FirstFault(JsonElement element, string? path, bool replacementIsBroken)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsText(() => property.Name, out var name) || (replacementIsBroken && name.Contains('\uFFFD')))
                        return NotText(path, "a property name");
                    var at = path is null ? name : $"{path}.{name}";
                    if (!seen.Add(name))
                        return new Rejection("duplicate-field", $"'{Rejection.Excerpt(at)}' appears more than once.",
                            "Each field may appear once in an object (names are compared ignoring case).", Rejection.Excerpt(at));
                    if (FirstFault(property.Value, at, replacementIsBroken) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (FirstFault(item, $"{path}[{index++}]", replacementIsBroken) is { } inner)
                        return inner;
                return null;
            case JsonValueKind.String:
                return IsText(() => element.GetString(), out var text) && !(replacementIsBroken && text.Contains('\uFFFD')) ? null : NotText(path, "a string");
            default:
                return null;
        }
    }

    /// <summary>
    /// Reading a string with a lone surrogate escape throws: that is how it is told apart. U+FFFD, the replacement
    /// character, is what bytes that were not UTF-8 become once decoded (the host hands a wrapped function its body as
    /// text): it is refused as well, so broken bytes never pass as a field nobody asked for.
    /// </summary>
    private static bool IsText(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static Rejection NotText(string? path, string what) => new("invalid-text", "The body holds text that is not valid.",
        $"{(path is null ? "The body" : $"'{Rejection.Excerpt(path)}'")} holds {what} that is not valid text (a lone UTF-16 surrogate escape, or bytes that were not UTF-8); send Unicode text in UTF-8.", path is null ? null : Rejection.Excerpt(path));
}

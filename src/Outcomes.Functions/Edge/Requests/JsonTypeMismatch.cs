using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>
/// Explains a value System.Text.Json could not bind: the field's path as the requests' checks write it
/// (<c>baseline.pain</c>, <c>levels[1]</c>), the type the request record declares there, and what was sent instead.
/// </summary>
internal static partial class JsonTypeMismatch
{
    public static Rejection Explain(string? bindingPath, Type root, JsonElement body, JsonSerializerOptions options)
    {
        var path = "";
        Type? type = root;
        JsonElement? value = body;
        foreach (Match segment in Segment().Matches(bindingPath ?? ""))
        {
            if (segment.Groups["index"].Success)
            {
                var index = int.Parse(segment.Groups["index"].Value, CultureInfo.InvariantCulture);
                path += $"[{index}]";
                type = type is null ? null : options.GetTypeInfo(type).ElementType;
                value = value is { ValueKind: JsonValueKind.Array } list && index < list.GetArrayLength() ? list[index] : null;
                continue;
            }
            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value.Replace("''", "'");
            path = path.Length == 0 ? name : $"{path}.{name}";
            type = type is null ? null : PropertyType(options.GetTypeInfo(type), name);
            value = value is { ValueKind: JsonValueKind.Object } obj ? Property(obj, name) : null;
        }
        var field = path.Length == 0 ? "body" : Rejection.Excerpt(path);
        return Rejection.Invalid(field, $"Must be {Expected(type)}; got {Shown(value)}.");
    }

    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static Type? PropertyType(JsonTypeInfo info, string name) =>
        info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;

    private static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        return null;
    }

    private static string Expected(Type? declared)
    {
        var type = declared is null ? null : Nullable.GetUnderlyingType(declared) ?? declared;
        return type switch
        {
            null => "of another JSON type",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(DateOnly) => "a date written yyyy-MM-dd, like \"2026-03-01\"",
            _ when type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "a list",
            _ => "an object",
        };
    }

    private static string Shown(JsonElement? value) => value switch
    {
        null => "something else",
        { ValueKind: JsonValueKind.String } text => $"\"{Rejection.Excerpt(text.GetString()!)}\"",
        { ValueKind: JsonValueKind.Number } number => Rejection.Excerpt(number.GetRawText()),
        { } other => $"a JSON {Kind(other)}",
    };

    /// <summary>System.Text.Json's path segments: <c>.name</c>, <c>['odd name']</c> and <c>[index]</c>, after the root's <c>$</c>.</summary>
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}

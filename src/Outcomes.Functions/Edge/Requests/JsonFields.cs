using System.Text.Json;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>Reads fields of a JSON object body; every refusal names the field (names match case-insensitively).</summary>
internal static class JsonFields
{
    public static (string? Value, Rejection? Why) RequiredString(JsonElement body, string field)
    {
        var matches = body.EnumerateObject().Where(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count > 1)
            return (null, Rejection.Invalid(field, $"'{field}' appears more than once."));
        if (matches.Count == 0 || matches[0].Value.ValueKind == JsonValueKind.Null)
            return (null, Rejection.Missing(field));
        var value = matches[0].Value;
        return value.ValueKind == JsonValueKind.String
            ? (value.GetString(), null)
            : (null, Rejection.Invalid(field, $"'{field}' must be a string; got a JSON {value.ValueKind.ToString().ToLowerInvariant()}."));
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Outcomes.Functions;

/// <summary>
/// Reads the host's invocation payload. Anything that is not the documented shape is answered with a 400 problem
/// that says what is wrong: the host then fails the invocation, and retries or dead-letters the message.
/// </summary>
internal static class InvocationReader
{
    public static async Task<(InvocationRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest http, string triggerName, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        var (document, why) = StrictJson.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), replacementIsBroken: false);
        if (document is null)
            return (null, Problems.MalformedInvocation($"The body is not JSON the host sends: {why!.Detail}"));

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, Problems.MalformedInvocation("The body must be a JSON object with 'Data' and 'Metadata'."));
            if (!TryGetObject(root, "Data", out var data))
                return (null, Problems.MalformedInvocation("The body has no 'Data' object."));
            if (!data.TryGetProperty(triggerName, out var trigger) || trigger.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                return (null, Problems.MalformedInvocation($"'Data' has no '{triggerName}' entry for the trigger binding."));
            var metadata = TryGetObject(root, "Metadata", out var m) ? Copy(m) : new Dictionary<string, JsonElement>();
            return (new InvocationRequest(Copy(data), metadata), null);
        }
    }

    private static bool TryGetObject(JsonElement root, string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;

    private static Dictionary<string, JsonElement> Copy(JsonElement obj) =>
        obj.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.OrdinalIgnoreCase);
}

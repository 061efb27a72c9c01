using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>Reads a request body that must be one JSON object, at most <see cref="MaxBytes"/>: 413 above, 400 when not JSON.</summary>
internal static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return (default, Problems.BodyTooLarge(MaxBytes));
        byte[] bytes;
        try
        {
            if (await ReadAtMostAsync(request.Body, MaxBytes, ct) is not { } read)
                return (default, Problems.BodyTooLarge(MaxBytes));
            bytes = read;
        }
        catch (BadHttpRequestException e) // the server's own limit, or a body cut short
        {
            return (default, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.BodyTooLarge(MaxBytes)
                : Problems.InvalidInput(new Rejection("malformed-body", "The request body could not be read.", e.Message)));
        }
        if (bytes.Length == 0)
            return (default, Problems.InvalidInput(new Rejection("missing-body", "The request body is missing.", "Send a JSON object.")));
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (default, Problems.InvalidInput(new Rejection("malformed-json", "The body must be a JSON object.", $"Got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.")));
        }
        catch (JsonException e)
        {
            return (default, Problems.InvalidInput(new Rejection("malformed-json", "The body is not valid JSON.",
                $"Not JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.")));
        }
    }

    /// <returns>The bytes, or null when there are more than <paramref name="limit"/>.</returns>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > limit)
                return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>
/// The one size limit on request bodies, for proxied requests and wrapped ones alike: at most <see cref="MaxBytes"/>,
/// 413 above (by <c>Content-Length</c> before reading, or while reading a chunked body), 400 for a body cut short.
/// </summary>
internal static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static Task<(byte[] Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct) =>
        ReadAsync(request, MaxBytes, ct);

    /// <summary>As <see cref="ReadAsync(HttpRequest, CancellationToken)"/>, for a form that is never near the common limit.</summary>
    public static async Task<(byte[] Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return ([], Problems.BodyTooLarge(maxBytes));
        try
        {
            return await ReadAtMostAsync(request.Body, maxBytes, ct) is { } read ? (read, null) : ([], Problems.BodyTooLarge(maxBytes));
        }
        catch (BadHttpRequestException e) // the server's own limit, or a body cut short
        {
            return ([], e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.BodyTooLarge(maxBytes)
                : Problems.InvalidInput(new Rejection("malformed-body", "The request body could not be read.", e.Message)));
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

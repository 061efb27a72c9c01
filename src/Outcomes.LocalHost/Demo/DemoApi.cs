using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Demo;

/// <summary>
/// The demo's calls to the local host's public routes, each with the key it needs. A call the host could not take (a
/// refused connection, 502–504) is tried again a few times; anything else is the answer.
/// </summary>
internal sealed class DemoApi(HttpClient http)
{
    private const int Attempts = 4;

    public sealed record Answer(HttpStatusCode Status, JsonNode? Body)
    {
        public bool Is(HttpStatusCode status) => Status == status;

        public JsonNode Json => Body ?? throw new InvalidOperationException($"HTTP {(int)Status} came without a JSON body.");
    }

    public Uri BaseAddress => http.BaseAddress!;

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? key, object? body, CancellationToken ct, string? idempotencyKey = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            try
            {
                using var response = await http.SendAsync(request, ct);
                if (attempt < Attempts && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    await Task.Delay(Backoff.After(attempt, TimeSpan.FromMilliseconds(250)), ct);
                    continue;
                }
                var text = await response.Content.ReadAsStringAsync(ct);
                return new Answer(response.StatusCode, text.Length > 0 && IsJson(response) ? JsonNode.Parse(text) : null);
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
                await Task.Delay(Backoff.After(attempt, TimeSpan.FromMilliseconds(250)), ct);
            }
        }
    }

    /// <summary>Throws unless the answer has one of the expected statuses, with the problem's detail (never a request body).</summary>
    public static Answer Expect(Answer answer, string what, params HttpStatusCode[] expected) =>
        expected.Contains(answer.Status) ? answer
            : throw new DemoFailedException($"{what}: HTTP {(int)answer.Status} {answer.Body?["title"]} {answer.Body?["detail"]}".TrimEnd());

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && type.EndsWith("json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The demo cannot go on; the message says which call failed and why.</summary>
internal sealed class DemoFailedException(string message) : Exception(message);

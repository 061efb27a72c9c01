using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// Requests sent the way a patient's browser or a clinic's system would while Outcomes is restarting: a server error
/// (or no answer at all) is tried again until the answer is something else, which is returned.
/// </summary>
internal static class Persistently
{
    public static async Task<HttpResponseMessage> SendAsync(LocalHostProcess host, Func<HttpRequestMessage> request, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await host.Client.SendAsync(request());
                if ((int)response.StatusCode < 500)
                    return response;
                if (DateTime.UtcNow > until)
                    throw new TimeoutException($"Still {response.StatusCode} after {attempt} attempts: {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until) { }
            await Task.Delay(200);   // between attempts, as a retrying client paces itself
        }
    }

    public static Task<HttpResponseMessage> PostAsync(LocalHostProcess host, string path, string? key, object body, TimeSpan within) =>
        SendAsync(host, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (key is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return request;
        }, within);
}

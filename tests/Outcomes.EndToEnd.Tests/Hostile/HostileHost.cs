using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// The app as the hostile-input suite attacks it: its own local host (so that nothing another suite does moves the
/// store while a batch is counted), with the SMS webhook's token set and App Service authentication announced, so
/// that those doors read what they are sent; and a small world made through the API before any batch: two clinics,
/// an analyst key, a revoked key, procedures and a real survey link read from the outbox.
/// </summary>
public sealed class HostileHost : IAsyncLifetime
{
    public const string TwilioAuthToken = "hostile-twilio-auth-token-6c0e";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public LocalHostProcess Host { get; } = new(new Dictionary<string, string>
    {
        ["TwilioAuthToken"] = TwilioAuthToken,
        ["TwilioAccountSid"] = "AC00000000000000000000000000000000",
        ["WEBSITE_AUTH_ENABLED"] = "true",
    });

    /// <summary>No redirects followed, no cookies kept: every answer is seen as the app gave it.</summary>
    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl => $"http://localhost:{Host.Port}";

    public HostileWorld World { get; private set; } = null!;

    /// <summary>Before a batch: an open survey link and an open procedure behind the doors (see <see cref="HostileWorld.FreshenAsync"/>).</summary>
    public async Task FreshenAsync() => World = await World.FreshenAsync(this);

    internal ApiDoors Doors { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        Client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            MaxConnectionsPerServer = HostileRun.Concurrency,
        })
        { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        World = await HostileWorld.CreateAsync(this);
        using var document = await Client.GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Doors = ApiDoors.Read((await document.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Sends a request with a bearer key and checks its status: for building the world, not for attacking it.</summary>
    internal async Task<JsonObject> SendAsync(HttpMethod method, string path, string? key, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends a request with a bearer key and gives back what came, whatever it is.</summary>
    internal async Task<(HttpStatusCode Status, string Text)> TrySendAsync(HttpMethod method, string path, string? key, object? body, string? mediaType = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body, mediaType: mediaType is null ? null : new MediaTypeHeaderValue(mediaType)),
        };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    internal async Task RunTimerAsync()
    {
        using var response = await Client.PostAsJsonAsync("/admin/functions/SendFollowUpSurveys", new { input = "" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    internal static TimeSpan WaitLimit => Patience;
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection : ICollectionFixture<HostileHost>
{
    public const string Name = "hostile inputs";
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Outcomes.Functions.Tests;

/// <summary>Requests with a bearer key, and the rows behind the access API.</summary>
internal static class Access
{
    public sealed record RegisteredClinic(string ClinicId, string ApiKey, string KeyId);

    public static Task<HttpResponseMessage> SendAsync(this OutcomesApp app, HttpMethod method, string path, string? key, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return app.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendAsync(this OutcomesApp app, HttpMethod method, string path, string? key, object body) =>
        app.SendAsync(method, path, key, JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    public static async Task<RegisteredClinic> CreateClinicAsync(this OutcomesApp app, string name = "Spine Centre North", string timeZone = "Europe/Amsterdam")
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, new { name, timeZone });
        response.EnsureSuccessStatusCode();
        var body = await response.ReadObjectAsync();
        return new(body["clinicId"]!.GetValue<string>(), body["apiKey"]!.GetValue<string>(), body["keyId"]!.GetValue<string>());
    }

    public static async Task<(string KeyId, string ApiKey)> IssueClinicKeyAsync(this OutcomesApp app, string clinicId)
    {
        var response = await app.SendAsync(HttpMethod.Post, $"/api/clinics/{clinicId}/keys", OutcomesApp.AdminKey);
        response.EnsureSuccessStatusCode();
        var body = await response.ReadObjectAsync();
        return (body["keyId"]!.GetValue<string>(), body["apiKey"]!.GetValue<string>());
    }

    public static TableClient Table(this OutcomesApp app, string name) =>
        new TableServiceClient(app.StorageConnection).GetTableClient(app.TablePrefix + name);

    /// <summary>Every row of the clinic, key and audit tables, as text (missing tables count as empty).</summary>
    public static async Task<List<string>> AccessRowsAsync(this OutcomesApp app)
    {
        var rows = new List<string>();
        foreach (var name in new[] { "Clinics", "AccessKeys", "AuditTrail" })
        {
            try
            {
                await foreach (var row in app.Table(name).QueryAsync<TableEntity>())
                    rows.Add(string.Join("|", row.Where(p => p.Key != "odata.etag" && p.Key != "Timestamp").Select(p => $"{p.Key}={p.Value}")));
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
            }
        }
        return rows;
    }

    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadObjectAsync();
    }
}

internal static class CallerResolution
{
    /// <summary>What the handler's own resolver makes of a bearer key (through the real store on Azurite).</summary>
    public static async Task<Caller?> ResolveAsync(this OutcomesApp app, string key)
    {
        _ = app.Client;
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CallerResolver>().ResolveKeyAsync(key, CancellationToken.None);
    }
}

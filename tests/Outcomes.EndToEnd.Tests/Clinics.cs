using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests;

/// <summary>A clinic as a test creates it through the local host: somewhere it is daytime now, so invitations go out at once.</summary>
internal sealed record TestClinic(string ClinicId, string ApiKey, string TimeZone, DateOnly Today)
{
    public static async Task<TestClinic> CreateInDaytimeAsync(LocalHostProcess host, string name)
    {
        // An Etc/GMT zone where it is about noon now (Etc/GMT-3 is UTC+3: the sign is reversed in those names).
        var now = DateTimeOffset.UtcNow;
        var offset = 12 - now.UtcDateTime.Hour;
        var zone = offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        var created = await host.SendAsync(HttpMethod.Post, "/api/clinics", LocalHostProcess.AdminKey, new { name, timeZone = zone }, HttpStatusCode.Created);
        return new(created["clinicId"]!.GetValue<string>(), created["apiKey"]!.GetValue<string>(), zone, DateOnly.FromDateTime(now.AddHours(offset).UtcDateTime));
    }

    /// <summary>Registers a procedure for a patient reachable at <paramref name="email"/>; returns its id.</summary>
    public async Task<string> RegisterAsync(LocalHostProcess host, string patientRef, DateOnly procedureDate, string? email, string language = "en", string? phone = null)
    {
        var created = await host.SendAsync(HttpMethod.Post, "/api/procedures", ApiKey, new
        {
            patientRef, contact = new { email, phone, language }, procedureType = "vertebroplasty",
            procedureDate = procedureDate.ToString("yyyy-MM-dd"), levels = new[] { "T12" }, etiology = "osteoporotic",
            baseline = new { pain = 8, medications = new[] { "paracetamol" } },
        }, HttpStatusCode.Created);
        return created["procedureId"]!.GetValue<string>();
    }
}

internal static class Api
{
    public static async Task<JsonObject> SendAsync(this LocalHostProcess host, HttpMethod method, string path, string key, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await host.Client.SendAsync(request);
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A JSON merge patch (clinic settings), which must be accepted.</summary>
    public static async Task<JsonObject> PatchAsync(this LocalHostProcess host, string path, string key, string mergePatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent(mergePatch, System.Text.Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await host.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PATCH {path}: got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}

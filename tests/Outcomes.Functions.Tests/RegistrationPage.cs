using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Outcomes.Functions.Tests;

/// <summary>The registration form as a browser uses it: drawn, filled in and posted from its own page (fetch metadata "same-origin").</summary>
internal sealed class RegistrationPage(OutcomesApp app)
{
    public const string Path = "/api/dashboard/register";

    public HttpClient Browser { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>
    /// A filled-in form, as a browser sends it, under <paramref name="key"/>. Each change replaces its field (null: leaves
    /// it out); a field name ending in '+' adds a value beside those the field has.
    /// </summary>
    public static List<KeyValuePair<string, string>> Filled(string key, string patientRef, params (string Field, string? Value)[] changes)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("idempotencyKey", key), new("patientRef", patientRef), new("procedureType", "kyphoplasty"), new("procedureDate", "2026-02-20"),
            new("levels", "T12"), new("levels", "L1"), new("etiology", "osteoporotic"), new("baselinePain", "8"),
            new("baselineMedications", "paracetamol"), new("baselineMedications", "weak_opioid"),
            new("email", "patient.reg@example.org"), new("phone", "+49 30 1234567"), new("language", "es"),
            new("operator", ""), new("anesthesia", "local_with_sedation"), new("discharge", ""), new("cementVolumeMl", "6.5"),
            new("heightRestoredMm", "3"), new("kyphoticAngleBefore", ""), new("kyphoticAngleAfter", ""),
        ];
        foreach (var (field, value) in changes)
        {
            var name = field.TrimEnd('+');
            if (!field.EndsWith('+'))
                form.RemoveAll(f => f.Key == name);
            if (value is not null)
                form.Add(new(name, value));
        }
        return form;
    }

    public static string Encoded(IEnumerable<KeyValuePair<string, string>> form) =>
        string.Join("&", form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>The page as XML (it is well-formed after its doctype), so that tests read it by element, not by text search.</summary>
    public static XDocument Parse(string html) => XDocument.Parse(html[html.IndexOf("<html", StringComparison.Ordinal)..]);

    public static string KeyOf(XDocument page) =>
        page.Descendants("input").Single(i => i.Attribute("name")?.Value == "idempotencyKey").Attribute("value")!.Value;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string key, HttpContent? body = null, string? fetchSite = "same-origin", string? origin = null)
    {
        using var request = new HttpRequestMessage(method, Path) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.ParseAdd("text/html");
        if (fetchSite is not null)
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await Browser.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string key, IEnumerable<KeyValuePair<string, string>> form, string? fetchSite = "same-origin", string? origin = null) =>
        SendAsync(HttpMethod.Post, key, new StringContent(Encoded(form), Encoding.UTF8, "application/x-www-form-urlencoded"), fetchSite, origin);

    /// <summary>The key of a newly drawn form.</summary>
    public async Task<string> FreshKeyAsync(string apiKey) => KeyOf(Parse(await (await SendAsync(HttpMethod.Get, apiKey)).Content.ReadAsStringAsync()));

    /// <summary>The ids of the clinic's procedures, as the API lists them.</summary>
    public async Task<List<string>> ProceduresOfAsync(Access.RegisteredClinic clinic)
    {
        var response = await app.SendAsync(HttpMethod.Get, "/api/procedures", clinic.ApiKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadObjectAsync())["procedures"]!.AsArray().Select(p => p!["procedureId"]!.GetValue<string>()).ToList();
    }
}

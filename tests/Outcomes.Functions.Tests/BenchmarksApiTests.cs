using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

/// <summary>GET /api/benchmarks through the real handler (real Azurite behind the keys): the shipped catalog with its citations.</summary>
public sealed class BenchmarksApiTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Path = "/api/benchmarks";

    private static void AssertIsTheCatalog(JsonObject body)
    {
        var studies = body["studies"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(11, studies.Count);
        Assert.All(studies, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s["citation"]!.GetValue<string>()));
            Assert.StartsWith("https://", s["sourceUrl"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(s["quote"]!.GetValue<string>()));
            Assert.NotEmpty(s["figures"]!.AsArray());
        });
        var tan = studies.Single(s => s["id"]!.GetValue<string>() == "tan2015");
        Assert.StartsWith("Tan H-Y", tan["citation"]!.GetValue<string>());
        Assert.Equal("vertebroplasty", tan["procedure"]!.GetValue<string>());
        var fractures = tan["figures"]!.AsArray().Single(f => f!["measure"]!.GetValue<string>() == "new_fracture_patients")!;
        Assert.Equal((5, 62), (fractures["numerator"]!.GetValue<int>(), fractures["denominator"]!.GetValue<int>()));
        var vertos = studies.Single(s => s["id"]!.GetValue<string>() == "vertos5-2023")["figures"]![1]!;
        Assert.Equal([3.1, 4.8], vertos["ci95"]!.AsArray().Select(v => v!.GetValue<double>()));
        var pooled = studies.Single(s => s["id"]!.GetValue<string>() == "papanastassiou2012");
        Assert.Equal("both", pooled["procedure"]!.GetValue<string>());
        Assert.All(pooled["figures"]!.AsArray(), f => Assert.Null(f!["clinicTimePoint"]));
        Assert.Equal("mean pain on a 0-10 scale at the time point (ci95 when reported)", body["measures"]!["pain_mean"]!.GetValue<string>());
        Assert.Equal(["baseline", "1w", "1m", "3m", "6m", "12m"], body["clinicTimePoints"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task A_clinic_key_reads_every_study_with_its_citation_and_figures()
    {
        var clinic = await app.CreateClinicAsync();

        var response = await app.SendAsync(HttpMethod.Get, Path, clinic.ApiKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertIsTheCatalog(await response.ReadObjectAsync());
    }

    [Fact]
    public async Task An_analyst_key_reads_the_same_catalog()
    {
        var issued = await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync();

        var response = await app.SendAsync(HttpMethod.Get, Path, issued["apiKey"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertIsTheCatalog(await response.ReadObjectAsync());
    }

    [Fact]
    public async Task Without_a_key_it_is_401_and_with_the_admin_key_403()
    {
        var anonymous = await app.SendAsync(HttpMethod.Get, Path, key: null);
        var admin = await app.SendAsync(HttpMethod.Get, Path, OutcomesApp.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await anonymous.ReadProblemAsync();
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Fact]
    public async Task It_is_in_the_openapi_document_as_bearer_secured()
    {
        var document = await (await app.Client.GetAsync("/api/openapi.json")).ReadObjectAsync();

        var operation = document["paths"]![Path]!["get"]!;
        Assert.Equal("Bearer", operation["security"]!.AsArray().Single()!.AsObject().Single().Key);
        Assert.NotNull(operation["responses"]!["200"]!["content"]!["application/json"]);
        Assert.NotNull(operation["responses"]!["401"]);
    }
}

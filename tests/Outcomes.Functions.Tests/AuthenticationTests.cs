using System.Net;

namespace Outcomes.Functions.Tests;

public sealed class AuthenticationTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "POST", "/api/clinics" },
        { "POST", "/api/clinics/c1/keys" },
        { "DELETE", "/api/clinics/c1/keys/key_1" },
        { "POST", "/api/analyst-keys" },
    };

    public static TheoryData<string?> BadAuthorizations => new()
    {
        null,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer wrong",
        "Bearer " + OutcomesApp.AdminKey.ToUpperInvariant(),
        "Bearer " + OutcomesApp.AdminKey + "x",
        "Bearer oc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "Bearer oc_" + new string('~', 43),
        "Bearer " + new string('x', 5000),
        "Bearer \u00e9\u00e9",
    };

    private static HttpRequestMessage Request(string method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"name\":\"A\",\"timeZone\":\"UTC\"}", System.Text.Encoding.UTF8, "application/json") };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    [Theory]
    [MemberData(nameof(BadAuthorizations))]
    public async Task A_missing_wrong_or_garbage_key_is_401_problem_with_a_bearer_challenge(string? authorization)
    {
        var response = await app.Client.SendAsync(Request("POST", "/api/clinics", authorization));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:outcomes:problem:unauthenticated", problem["type"]!.GetValue<string>());
        Assert.Equal(401, problem["status"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Every_admin_route_refuses_a_request_without_a_key(string method, string path)
    {
        var response = await app.Client.SendAsync(Request(method, path, null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task A_clinic_key_on_an_admin_route_is_403_and_changes_nothing(string method, string path)
    {
        var clinic = await app.CreateClinicAsync();
        var before = await app.AccessRowsAsync();

        var response = await app.Client.SendAsync(Request(method, path.Replace("c1", clinic.ClinicId), "Bearer " + clinic.ApiKey));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("urn:outcomes:problem:forbidden", (await response.ReadProblemAsync())["type"]!.GetValue<string>());
        Assert.Equal(before, await app.AccessRowsAsync());
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        var response = await app.Client.SendAsync(Request("POST", "/api/analyst-keys", "bearer " + OutcomesApp.AdminKey));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Without_an_admin_key_configured_admin_routes_are_401_saying_so(string configured)
    {
        await using var unconfigured = new OutcomesApp { AdminKeyOverride = configured };
        await ((IAsyncLifetime)unconfigured).InitializeAsync();
        try
        {
            var response = await unconfigured.Client.SendAsync(Request("POST", "/api/clinics", "Bearer " + configured));

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains("not configured", (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
            Assert.Empty(await unconfigured.AccessRowsAsync());
        }
        finally
        {
            await ((IAsyncLifetime)unconfigured).DisposeAsync();
        }
    }
}

using System.Net;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

public sealed class ClinicKeysTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    /// <summary>A valid clinic key on an admin route is 403; an unknown or revoked one is 401. So the status says whether a key works.</summary>
    private Task<HttpResponseMessage> TryAsync(string key) => app.SendAsync(HttpMethod.Post, "/api/analyst-keys", key);

    [Fact]
    public async Task Rotating_a_key_the_old_one_works_until_revoked_then_gets_401_and_the_new_one_keeps_working()
    {
        var clinic = await app.CreateClinicAsync();

        var (newKeyId, newKey) = await app.IssueClinicKeyAsync(clinic.ClinicId);

        Assert.NotEqual(clinic.ApiKey, newKey);
        Assert.Equal(new Caller.Clinic(clinic.ClinicId, clinic.KeyId), await app.ResolveAsync(clinic.ApiKey));
        Assert.Equal(new Caller.Clinic(clinic.ClinicId, newKeyId), await app.ResolveAsync(newKey));
        Assert.Equal(HttpStatusCode.Forbidden, (await TryAsync(clinic.ApiKey)).StatusCode);

        var revoked = await app.SendAsync(HttpMethod.Delete, $"/api/clinics/{clinic.ClinicId}/keys/{clinic.KeyId}", OutcomesApp.AdminKey);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var refused = await TryAsync(clinic.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Null(await app.ResolveAsync(clinic.ApiKey));
        Assert.Equal(HttpStatusCode.Forbidden, (await TryAsync(newKey)).StatusCode);
    }

    [Fact]
    public async Task Issuing_and_revoking_are_audited_in_order_and_revoking_twice_is_204_recorded_once()
    {
        var clinic = await app.CreateClinicAsync();
        var (newKeyId, newKey) = await app.IssueClinicKeyAsync(clinic.ClinicId);
        app.Clock.Now += TimeSpan.FromMinutes(5);

        var first = await app.SendAsync(HttpMethod.Delete, $"/api/clinics/{clinic.ClinicId}/keys/{newKeyId}", OutcomesApp.AdminKey);
        var second = await app.SendAsync(HttpMethod.Delete, $"/api/clinics/{clinic.ClinicId}/keys/{newKeyId}", OutcomesApp.AdminKey);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (first.StatusCode, second.StatusCode));
        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Clinic(clinic.ClinicId), CancellationToken.None);
        Assert.Equal(["clinic-created", "key-issued", "key-issued", "key-revoked"], trail.Select(e => e.Action));
        Assert.Equal([clinic.KeyId, newKeyId, newKeyId], trail.Skip(1).Select(e => e.Changes["keyId"]));
        Assert.Equal(app.Clock.Now, trail[^1].At);
        Assert.All(trail, e => Assert.Equal(ActorKind.Admin, e.Actor.Kind));
        Assert.DoesNotContain(trail.SelectMany(e => e.Changes.Values), v => v == newKey || v == clinic.ApiKey);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var clinic = await app.CreateClinicAsync();
        var (_, newKey) = await app.IssueClinicKeyAsync(clinic.ClinicId);

        var rows = await app.AccessRowsAsync();

        foreach (var key in new[] { clinic.ApiKey, newKey })
        {
            Assert.DoesNotContain(rows, row => row.Contains(key[3..], StringComparison.Ordinal));
            Assert.Contains(rows, row => row.Contains(AccessKeySecrets.Hash(key), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_key_of_another_clinic_or_an_unknown_one_cannot_be_revoked_through_the_wrong_clinic()
    {
        var mine = await app.CreateClinicAsync("Mine");
        var theirs = await app.CreateClinicAsync("Theirs");

        var response = await app.SendAsync(HttpMethod.Delete, $"/api/clinics/{mine.ClinicId}/keys/{theirs.KeyId}", OutcomesApp.AdminKey);
        var unknown = await app.SendAsync(HttpMethod.Delete, $"/api/clinics/{mine.ClinicId}/keys/key_0000000000000000", OutcomesApp.AdminKey);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (response.StatusCode, unknown.StatusCode));
        Assert.Equal("urn:outcomes:problem:not-found", (await response.ReadProblemAsync())["type"]!.GetValue<string>());
        Assert.NotNull(await app.ResolveAsync(theirs.ApiKey));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("a%2Fb")]
    public async Task A_key_for_an_unknown_clinic_is_404(string clinicId)
    {
        var response = await app.SendAsync(HttpMethod.Post, $"/api/clinics/{clinicId}/keys", OutcomesApp.AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task An_analyst_key_is_issued_once_resolves_as_an_analyst_and_is_audited()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var (keyId, key) = (body["keyId"]!.GetValue<string>(), body["apiKey"]!.GetValue<string>());
        Assert.Equal(new Caller.Analyst(keyId), await app.ResolveAsync(key));
        Assert.Equal(HttpStatusCode.Forbidden, (await TryAsync(key)).StatusCode);
        var entry = Assert.Single(await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.AnalystKey(keyId), CancellationToken.None));
        Assert.Equal(("key-issued", "analyst"), (entry.Action, entry.Changes["role"]));
    }
}

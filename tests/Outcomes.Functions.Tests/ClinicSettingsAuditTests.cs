using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using Outcomes.Storage;
using Outcomes.Storage.Tables;

namespace Outcomes.Functions.Tests;

/// <summary>
/// A clinic settings change stops half-way: the process dies between writing the clinic (with its audit entry, one
/// write) and answering. The clinic's key sends the change again (with the ETag it had, then without); afterwards the
/// change has exactly one audit entry.
/// </summary>
public sealed class ClinicSettingsAuditTests : IAsyncLifetime
{
    private readonly OutcomesApp app;
    private bool stopAfterTheClinicIsWritten;

    public ClinicSettingsAuditTests() => app = new OutcomesApp
    {
        ExtraServices = services =>
        {
            services.Replace(ServiceDescriptor.Singleton(sp => StoppingAfterTheWrite(new TableClinicStore(sp.GetRequiredService<OutcomesTables>()))));
        },
    };

    public Task InitializeAsync() => ((IAsyncLifetime)app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    /// <summary>The real store; once asked to, its next change is written and then the process "stops" before it can answer.</summary>
    private IClinicStore StoppingAfterTheWrite(IClinicStore real)
    {
        var store = new Mock<IClinicStore>(MockBehavior.Strict);
        store.Setup(s => s.AddAsync(It.IsAny<Clinic>(), It.IsAny<CancellationToken>())).Returns((Clinic c, CancellationToken ct) => real.AddAsync(c, ct));
        store.Setup(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string id, CancellationToken ct) => real.FindAsync(id, ct));
        store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string id, CancellationToken ct) => real.GetAsync(id, ct));
        store.Setup(s => s.AllAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken ct) => real.AllAsync(ct));
        store.Setup(s => s.TryUpdateAsync(It.IsAny<TrackedClinic>(), It.IsAny<Clinic>(), It.IsAny<AuditEntry>(), It.IsAny<CancellationToken>()))
            .Returns(async (TrackedClinic read, Clinic changed, AuditEntry recorded, CancellationToken ct) =>
            {
                var version = await real.TryUpdateAsync(read, changed, recorded, ct);
                if (stopAfterTheClinicIsWritten && version is not null)
                {
                    stopAfterTheClinicIsWritten = false;
                    throw new InvalidOperationException("The process stopped after the clinic was written.");
                }
                return version;
            });
        return store.Object;
    }

    private async Task<HttpResponseMessage> PatchAsync(Access.RegisteredClinic clinic, string json, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/clinics/{clinic.ClinicId}") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clinic.ApiKey);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await app.Client.SendAsync(request);
    }

    private async Task<string> EntityTagAsync(Access.RegisteredClinic clinic) =>
        (await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", clinic.ApiKey)).Headers.ETag!.ToString();

    private async Task<List<AuditEntry>> SettingsEntriesAsync(Access.RegisteredClinic clinic) =>
        (await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Clinic(clinic.ClinicId), CancellationToken.None))
        .Where(e => e.Action == "clinic-settings-changed").ToList();

    /// <summary>What the clinic's key does after a change it sent got no answer: the same change with the ETag it had, then without.</summary>
    private async Task<(HttpStatusCode WithIfMatch, HttpStatusCode Without)> SendAgainAsync(Access.RegisteredClinic clinic, string json, string etag) =>
        ((await PatchAsync(clinic, json, etag)).StatusCode, (await PatchAsync(clinic, json)).StatusCode);

    [Fact]
    public async Task A_change_whose_process_stopped_after_the_clinic_was_written_has_its_entry_exactly_once_after_it_is_sent_again()
    {
        var clinic = await app.CreateClinicAsync("Spine Centre Before");
        var etag = await EntityTagAsync(clinic);
        const string change = """{"name": "Spine Centre After"}""";
        stopAfterTheClinicIsWritten = true;

        var stopped = await PatchAsync(clinic, change, etag);
        var (withIfMatch, without) = await SendAgainAsync(clinic, change, etag);

        Assert.False(stopped.IsSuccessStatusCode);
        Assert.Equal((HttpStatusCode.PreconditionFailed, HttpStatusCode.OK), (withIfMatch, without));
        var entry = Assert.Single(await SettingsEntriesAsync(clinic));
        Assert.Equal(("name", "Spine Centre After"), (entry.Changes["changed"], entry.Changes["name"]));
        Assert.Equal(clinic.KeyId, entry.Actor.Id);
    }

    [Fact]
    public async Task Changes_acknowledged_one_after_another_have_one_entry_each_in_order()
    {
        var clinic = await app.CreateClinicAsync("Spine Centre One");

        foreach (var name in new[] { "Spine Centre Two", "Spine Centre Three", "Spine Centre Two" })
            Assert.Equal(HttpStatusCode.OK, (await PatchAsync(clinic, $$"""{"name": "{{name}}"}""")).StatusCode);

        Assert.Equal(["Spine Centre Two", "Spine Centre Three", "Spine Centre Two"], (await SettingsEntriesAsync(clinic)).Select(e => e.Changes["name"]));
    }
}

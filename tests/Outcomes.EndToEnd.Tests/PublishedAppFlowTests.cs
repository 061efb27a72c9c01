using System.Net;
using System.Net.Http.Json;
using Outcomes.Testing;

namespace Outcomes.EndToEnd.Tests;

/// <summary>The local host running the app root scripts/publish.sh makes (<c>--app-root</c>), as the Functions host runs it in Azure.</summary>
public sealed class PublishedLocalHost : IAsyncLifetime
{
    public LocalHostProcess Host { get; private set; } = null!;

    public string AppRoot { get; private set; } = "";

    public async Task InitializeAsync()
    {
        AppRoot = await PublishedApp.RootAsync();
        Host = new LocalHostProcess(AppRoot);
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host?.DisposeAsync() ?? Task.CompletedTask;
}

/// <summary>
/// The published handler, started by the local host from the published folder (not <c>dotnet run</c>, not the build
/// output), carries a survey from registration to the stored answer.
/// </summary>
public sealed class PublishedAppFlowTests(PublishedLocalHost published) : IClassFixture<PublishedLocalHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private LocalHostProcess Host => published.Host;

    [Fact]
    public void The_handler_process_is_the_published_self_contained_executable()
    {
        var executable = new FileInfo($"/proc/{Host.HandlerPid}/exe").LinkTarget;

        Assert.Equal(Path.Combine(published.AppRoot, "Outcomes.Functions"), executable);
        // A self-contained handler maps its own runtime from the app root, not a shared .NET installation.
        var maps = File.ReadAllText($"/proc/{Host.HandlerPid}/maps");
        Assert.Contains(Path.Combine(published.AppRoot, "libcoreclr.so"), maps);
        Assert.DoesNotContain("/shared/Microsoft.NETCore.App/", maps);
    }

    [Fact]
    public async Task A_clinic_registers_a_procedure_the_timer_invites_and_the_patient_s_answer_is_stored()
    {
        var health = await Host.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var clinic = await TestClinic.CreateInDaytimeAsync(Host, "Spine Centre Published");
        var email = $"e2e-published-{Guid.NewGuid():N}@example.org";
        var procedureId = await clinic.RegisterAsync(Host, "E2E-PUBLISHED", clinic.Today.AddDays(-7), email);

        await Host.RunTimerAsync();
        var mail = await Storage.EventuallyAsync(() => Task.FromResult(Host.Mails(email)), m => m.Count == 1, Patience, "the invitation in the outbox");
        var link = mail[0].SurveyLink;
        var answered = await Host.Client.PostAsJsonAsync(link.PathAndQuery, new { pain = 3, medications = new[] { "paracetamol" }, newFracture = "no" });
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);

        var procedure = await Storage.EventuallyAsync(
            () => Host.SendAsync(HttpMethod.Get, $"/api/procedures/{procedureId}", clinic.ApiKey, null, HttpStatusCode.OK),
            p => p["followUps"]!.AsArray().Single(f => f!["timePoint"]!.GetValue<string>() == "1w")!["status"]!.GetValue<string>() == "answered",
            Patience, "the answer stored");
        var oneWeek = procedure["followUps"]!.AsArray().Single(f => f!["timePoint"]!.GetValue<string>() == "1w")!;
        Assert.Equal(3, oneWeek["answer"]!["pain"]!.GetValue<int>());
        Assert.Single(await Host.AnswerRowsAsync(procedureId));
        // The answer is visible before its delivery is answered (that waits for its count to be written): the host's
        // line about the invocation comes a moment after it.
        const string delivered = "Executed 'Functions.RecordSurveyResponse' (Succeeded";
        await Storage.EventuallyAsync(() => Task.FromResult(Host.Lines), lines => lines.Any(l => l.Contains(delivered)), Patience, "the delivery answered");
    }
}

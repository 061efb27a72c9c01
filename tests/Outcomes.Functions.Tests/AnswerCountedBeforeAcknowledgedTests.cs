using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;
using Outcomes.Storage.Tables;

namespace Outcomes.Functions.Tests;

/// <summary>
/// An answer's count waits a moment to be written with others of its clinic. Its delivery is answered only once the count
/// is written: the host completes the message on that answer, so a handler that died in between would otherwise leave the
/// answer stored and never counted (the timer does not come back to an invited follow-up until its next reminder).
/// </summary>
public sealed class AnswerCountedBeforeAcknowledgedTests : IAsyncLifetime
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);
    private readonly OutcomesApp app = new()
    {
        ExtraServices = services => services.Replace(ServiceDescriptor.Singleton<IOutcomeTallies>(sp =>
            new TableOutcomeTallies(sp.GetRequiredService<OutcomesTables>(), Linger))),
    };

    public Task InitializeAsync() => ((IAsyncLifetime)app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task The_delivery_is_answered_after_the_answer_is_counted_in_storage()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0301"));
        await app.RunTimerAsync();   // invited, and counted open: the answer's count is the one that waits for others
        Assert.Equal(FollowUpStatus.Invited, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.Status);
        var message = SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek), new DateOnly(2026, 3, 1),
            new SurveyAnswers(PainScore.From(3)), AuditActor.PatientLink("ref"), app.Clock.Now, app.Service<ContactCipher>()).ToQueueText();

        var delivered = await app.DeliverResponseAsync(message);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        // What storage holds, read by another instance with nothing of its own waiting: the count is in it.
        var stored = await new TableOutcomeTallies(app.Service<OutcomesTables>()).ReadAsync([clinic.ClinicId], null, null, CancellationToken.None);
        var oneWeek = Assert.Single(stored, c => c.TimePoints.ContainsKey("1w")).TimePoints["1w"];
        Assert.Equal(1, oneWeek.Answered);
        Assert.Equal(1, oneWeek.Pain[3]);
    }
}

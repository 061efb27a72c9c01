using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;
using Outcomes.Storage.Tables;

namespace Outcomes.Functions.Tests;

/// <summary>
/// An answer's delivery is answered only once the answer's count is written: the host completes the message on that
/// answer, so a handler that died in between would otherwise leave the answer stored and never counted (the timer does
/// not come back to an invited follow-up until its next reminder). Here every tally write is held back 2 s, so that a
/// delivery answered before its count would be seen.
/// </summary>
public sealed class AnswerCountedBeforeAcknowledgedTests : IAsyncLifetime
{
    private readonly OutcomesApp app = new()
    {
        ExtraServices = services => services.Replace(ServiceDescriptor.Singleton<IOutcomeTallies>(sp =>
            new SlowTallies(new TableOutcomeTallies(sp.GetRequiredService<OutcomesTables>()), TimeSpan.FromSeconds(2)))),
    };

    public Task InitializeAsync() => ((IAsyncLifetime)app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task The_delivery_is_answered_after_the_answer_is_counted_in_storage()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0301"));
        await app.RunTimerAsync();   // invited, and counted open
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

/// <summary>The tallies with every count written <paramref name="delay"/> late.</summary>
internal sealed class SlowTallies(IOutcomeTallies inner, TimeSpan delay) : IOutcomeTallies
{
    public async Task<bool> CountCohortOnceAsync(string clinicId, TallyCell cell, string marker, Action<CohortTally> change, CancellationToken ct)
    {
        await Task.Delay(delay, ct);
        return await inner.CountCohortOnceAsync(clinicId, cell, marker, change, ct);
    }

    public async Task<bool> CountTimePointOnceAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, Action<TimePointTally> change, CancellationToken ct)
    {
        await Task.Delay(delay, ct);
        return await inner.CountTimePointOnceAsync(clinicId, cell, timePoint, marker, change, ct);
    }

    public async Task<TallyCount> CountTimePointAfterAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, string after,
        Action<TimePointTally> change, CancellationToken ct)
    {
        await Task.Delay(delay, ct);
        return await inner.CountTimePointAfterAsync(clinicId, cell, timePoint, marker, after, change, ct);
    }

    public Task CountPatientAsync(string clinicId, string patientRef, PatientCell procedure, CancellationToken ct) =>
        inner.CountPatientAsync(clinicId, patientRef, procedure, ct);

    public Task<IReadOnlyList<CellTallies>> ReadAsync(IReadOnlyList<string> clinicIds, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct) =>
        inner.ReadAsync(clinicIds, fromMonth, toMonth, ct);
}

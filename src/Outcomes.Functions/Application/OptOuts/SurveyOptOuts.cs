using System.Globalization;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Opt-outs that last. An opt-out is remembered for the contact channels it came from (<see cref="IContactOptOuts"/>:
/// the e-mail address, the phone number), not only for the procedures registered so far; it is recorded as the patient's
/// <c>opt_out</c> event on each of their procedures and cancels what is open. A procedure whose contact is remembered as
/// opted out (registered later, or at another clinic) is stopped the same way when it is registered and again before
/// anything is sent to it. Opting back in forgets the channels; follow-ups an opt-out cancelled stay cancelled.
/// </summary>
internal sealed class SurveyOptOuts(IContactOptOuts remembered, IProcedureStore procedures, IPatientEventStore events, PatientSurveysStop stop,
    IAuditTrail audit, TimeProvider clock)
{
    /// <summary>The actor of what a remembered opt-out does to a procedure nobody asked about directly.</summary>
    public static readonly AuditActor RememberedOptOut = AuditActor.System("contact-opt-out");

    /// <summary>Remembers the channels as opted out, before anything else, so that a registration from now on finds it.</summary>
    public Task RememberAsync(IReadOnlyList<ContactChannel> channels, CancellationToken ct) =>
        channels.Count == 0 ? Task.CompletedTask : remembered.RememberAsync(channels, clock.GetUtcNow(), ct);

    /// <summary>
    /// The patient asked to stop: their <c>opt_out</c> event on each of the clinic's procedures for them (once each), and
    /// every survey still open cancelled as of the clinic's today. Returns how many follow-ups it cancelled.
    /// </summary>
    public async Task<int> StopPatientAsync(string clinicId, string patientRef, AuditActor actor, CancellationToken ct)
    {
        var today = await stop.ClinicTodayAsync(clinicId, ct);
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
            await RecordEventAsync(procedureId, today, actor, ct);
        return await stop.StopAsync(clinicId, patientRef, PatientEventType.OptOut, today, actor, ct);
    }

    public async Task<bool> IsOptedOutAsync(PatientContact contact, CancellationToken ct) =>
        contact.Channels is { Count: > 0 } channels && await remembered.AnyOptedOutAsync(channels, ct);

    /// <summary>
    /// A procedure whose contact is remembered as opted out: its <c>opt_out</c> event and its open follow-ups cancelled as
    /// of <paramref name="asOf"/> (audited and counted as any cancellation). Returns how many follow-ups it cancelled.
    /// </summary>
    public async Task<int> HonourAsync(RegisteredProcedure procedure, DateOnly asOf, CancellationToken ct)
    {
        await RecordEventAsync(procedure.ProcedureId, asOf, RememberedOptOut, ct);
        return await stop.StopProcedureAsync(procedure, PatientEventType.OptOut, asOf, RememberedOptOut, ct);
    }

    /// <summary>
    /// Opting back in: forgets the channels' opt-outs and, when there was one, audits it on each procedure given (the
    /// procedures reached through those channels). Returns how many channels had an opt-out.
    /// </summary>
    public async Task<int> OptInAsync(IReadOnlyList<ContactChannel> channels, IEnumerable<string> procedureIds, AuditActor actor, CancellationToken ct)
    {
        var forgotten = channels.Count == 0 ? 0 : await remembered.ForgetAsync(channels, ct);
        if (forgotten > 0)
            foreach (var procedureId in procedureIds)
                await audit.AppendAsync(new AuditEntry(AuditSubjects.Procedure(procedureId), clock.GetUtcNow(), actor, "contact-opted-in",
                    new Dictionary<string, string?> { ["channelsCleared"] = forgotten.ToString(CultureInfo.InvariantCulture) }), ct);
        return forgotten;
    }

    private async Task RecordEventAsync(string procedureId, DateOnly day, AuditActor actor, CancellationToken ct)
    {
        var recorded = new RecordedPatientEvent(Guid.NewGuid(), procedureId, new PatientEvent(PatientEventType.OptOut, day, []), clock.GetUtcNow(), actor);
        await events.AddAsync(recorded, PatientEventAudit.Recorded(recorded), ct);
    }
}

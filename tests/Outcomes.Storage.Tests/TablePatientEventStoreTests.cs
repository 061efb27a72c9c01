using System.Text.Json;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TablePatientEventStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Clinic = AuditActor.ClinicKey("key_1");
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));

    private TablePatientEventStore Store() => new(tables);

    private static PatientEvent Event(string json)
    {
        var e = JsonDocument.Parse(json).RootElement;
        Assert.True(PatientEventTypeCodes.Wire.TryParse(e.GetProperty("type").GetString(), out var type));
        var levels = e.TryGetProperty("levels", out var listed)
            ? listed.EnumerateArray().Select(l => VertebralLevel.TryParse(l.GetString(), out var level) ? level : throw new FormatException(l.GetString())).Order().ToList()
            : [];
        return new PatientEvent(type, DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd"), levels);
    }

    private static VertebralLevel Level(string name) => VertebralLevel.TryParse(name, out var level) ? level : throw new FormatException(name);

    private static RecordedPatientEvent Recorded(string procedureId, string json) => new(Guid.NewGuid(), procedureId, Event(json), Now, Clinic);

    private static AuditEntry Audited(RecordedPatientEvent recorded) => new(AuditSubjects.Procedure(recorded.ProcedureId), recorded.RecordedAt, recorded.RecordedBy,
        "patient-event-recorded", new Dictionary<string, string?> { ["eventId"] = recorded.EventId.ToString() });

    private Task<(bool Added, RecordedPatientEvent Stored)> AddAsync(RecordedPatientEvent recorded) => Store().AddAsync(recorded, Audited(recorded), CancellationToken.None);

    [Fact]
    public async Task An_event_is_stored_with_its_audit_entry_and_a_repeat_writes_neither_again()
    {
        var procedureId = Guid.NewGuid().ToString("N");
        var withdrawal = Recorded(procedureId, """{"type": "withdrawal", "date": "2026-02-20"}""");
        var trail = new TableAuditTrail(tables);

        await AddAsync(withdrawal);
        await AddAsync(Recorded(procedureId, """{"type": "withdrawal", "date": "2026-02-21"}"""));

        var entry = Assert.Single(await trail.ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None));
        Assert.Equal(("patient-event-recorded", withdrawal.EventId.ToString()), (entry.Action, entry.Changes["eventId"]));
        Assert.Single(await Store().OfProcedureAsync(procedureId, CancellationToken.None));
    }

    [Fact]
    public async Task An_event_is_audited_on_its_own_procedure_only()
    {
        var recorded = Recorded(Guid.NewGuid().ToString("N"), """{"type": "death", "date": "2026-02-20"}""");

        await Assert.ThrowsAsync<ArgumentException>(() => Store().AddAsync(recorded, Audited(recorded with { ProcedureId = "another" }), CancellationToken.None));
        Assert.Empty(await Store().OfProcedureAsync(recorded.ProcedureId, CancellationToken.None));
    }

    [Fact]
    public async Task An_event_reads_back_as_recorded()
    {
        var procedureId = Guid.NewGuid().ToString("N");
        var fracture = Recorded(procedureId, """{"type": "new_fracture", "date": "2026-02-20", "levels": ["L2", "T12"]}""");

        var (added, stored) = await AddAsync(fracture);
        var read = Assert.Single(await Store().OfProcedureAsync(procedureId, CancellationToken.None));

        Assert.True(added);
        Assert.Same(fracture, stored);
        Assert.Equal((fracture.EventId, fracture.ProcedureId, fracture.RecordedAt, fracture.RecordedBy), (read.EventId, read.ProcedureId, read.RecordedAt, read.RecordedBy));
        Assert.Equal((fracture.Event.Type, fracture.Event.Date), (read.Event.Type, read.Event.Date));
        Assert.Equal(fracture.Event.Levels, read.Event.Levels);
    }

    [Fact]
    public async Task The_same_event_is_stored_once_and_the_first_one_is_returned()
    {
        var procedureId = Guid.NewGuid().ToString("N");
        var first = Recorded(procedureId, """{"type": "death", "date": "2026-02-20"}""");

        await AddAsync(first);
        var (added, stored) = await AddAsync(Recorded(procedureId, """{"type": "death", "date": "2026-02-21"}"""));

        Assert.False(added);
        Assert.Equal(first.EventId, stored.EventId);
        Assert.Equal(new DateOnly(2026, 2, 20), stored.Event.Date);
        Assert.Single(await Store().OfProcedureAsync(procedureId, CancellationToken.None));
    }

    [Fact]
    public async Task Different_fractures_and_a_withdrawal_are_each_kept()
    {
        var procedureId = Guid.NewGuid().ToString("N");

        foreach (var json in new[]
                 {
                     """{"type": "new_fracture", "date": "2026-02-20", "levels": ["L2"]}""",
                     """{"type": "new_fracture", "date": "2026-02-20", "levels": ["L3"]}""",
                     """{"type": "new_fracture", "date": "2026-02-25"}""",
                     """{"type": "withdrawal", "date": "2026-02-26"}""",
                 })
            Assert.True((await AddAsync(Recorded(procedureId, json))).Added);

        var events = await Store().OfProcedureAsync(procedureId, CancellationToken.None);
        Assert.Equal(4, events.Count);
        Assert.Equal(3, events.Count(e => e.Event.Type == PatientEventType.NewFracture));
        Assert.Empty(await Store().OfProcedureAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Fact]
    public async Task Events_sit_beside_the_procedure_without_changing_how_it_reads()
    {
        var procedures = new TableProcedureStore(tables, new ContactCipher("k1:" + Convert.ToBase64String(new byte[32])));
        var registration = new ProcedureRegistration("P-7", new PatientContact("p7@example.org", null, "en"), ProcedureType.Vertebroplasty,
            new DateOnly(2026, 1, 1), [Level("L1")], Etiology.Osteoporotic, new Baseline(PainScore.From(7), [Medication.None]), ProcedureDetails.None);
        var procedure = new RegisteredProcedure(Guid.NewGuid().ToString("N"), "clinic-a", registration, Now);
        await procedures.RegisterAsync(procedure, FollowUpSchedule.For(registration.ProcedureDate), CancellationToken.None);

        await AddAsync(Recorded(procedure.ProcedureId, """{"type": "opt_out", "date": "2026-02-01"}"""));

        var found = await procedures.FindAsync(procedure.ProcedureId, CancellationToken.None);
        Assert.Equal(5, found!.FollowUps.Count);
        Assert.Empty(found.Answers!);
    }

    [Fact]
    public async Task An_id_that_cannot_be_a_key_has_no_events() =>
        Assert.Empty(await Store().OfProcedureAsync("../x", CancellationToken.None));
}

using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableProcedureStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Key = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));

    private static ProcedureRegistration Registration(string date = "2026-01-31") => new(
        "P-0042", new PatientContact("patient@example.org", "+4930123456", "es"), ProcedureType.Kyphoplasty, DateOnly.ParseExact(date, "yyyy-MM-dd"),
        [Level("T12"), Level("L1")], Etiology.Osteoporotic, new Baseline(PainScore.From(8), [Medication.Paracetamol, Medication.WeakOpioid]),
        new ProcedureDetails(null, Anesthesia.General, null, 6.5m, [Complication.CementLeakage], new KyphoplastyMeasures(null, 18, 11)));

    private static VertebralLevel Level(string name) => VertebralLevel.TryParse(name, out var level) ? level : throw new FormatException(name);

    private static RegisteredProcedure Procedure(ProcedureRegistration registration) =>
        new(Guid.NewGuid().ToString("N"), "clinic-a", registration, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_registered_procedure_reads_back_with_its_contact_and_its_five_follow_ups()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var procedure = Procedure(Registration());
        var schedule = FollowUpSchedule.For(new DateOnly(2026, 1, 31), today: new DateOnly(2026, 3, 1));

        await store.RegisterAsync(procedure, schedule, CancellationToken.None);
        var found = await store.FindAsync(procedure.ProcedureId, CancellationToken.None);

        Assert.Equal(StoredRegistration.Write(procedure.Registration), StoredRegistration.Write(found!.Procedure.Registration));
        Assert.Equal(procedure.Registration.Contact, found.Procedure.Registration.Contact);
        Assert.Equal("clinic-a", found.Procedure.ClinicId);
        Assert.Equal(schedule, found.FollowUps.Select(f => f.FollowUp));
    }

    [Fact]
    public async Task The_registered_procedure_alone_reads_back_in_one_request_with_its_contact()
    {
        var requests = new RequestCounter("");
        var counted = new OutcomesTables(new TableServiceClient(azurite.ConnectionString, requests.Options()), AzuriteFixture.UniqueName("t"));
        var store = new TableProcedureStore(counted, new ContactCipher(Key));
        var procedure = Procedure(Registration());
        await store.RegisterAsync(procedure, FollowUpSchedule.For(new DateOnly(2026, 1, 31), today: new DateOnly(2026, 3, 1)), CancellationToken.None);
        var before = requests.Count;

        var found = await store.FindRegisteredAsync(procedure.ProcedureId, CancellationToken.None);

        Assert.Equal(1, requests.Count - before);
        Assert.Equal(StoredRegistration.Write(procedure.Registration), StoredRegistration.Write(found!.Registration));
        Assert.Equal(procedure.Registration.Contact, found.Registration.Contact);
        Assert.Equal("clinic-a", found.ClinicId);
        Assert.Null(await store.FindRegisteredAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
        Assert.Null(await store.FindRegisteredAsync("no'such", CancellationToken.None));
    }

    [Fact]
    public async Task A_procedure_id_stored_already_is_not_stored_again_and_its_registration_stays_unfinished_until_finished()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var procedure = Procedure(Registration());
        var schedule = FollowUpSchedule.For(new DateOnly(2026, 1, 31), today: new DateOnly(2026, 3, 1));
        var later = procedure.RegisteredAt.AddMinutes(1);

        Assert.True(await store.RegisterAsync(procedure, schedule, CancellationToken.None));
        var sameId = procedure with { Registration = Registration("2026-02-10"), RegisteredAt = procedure.RegisteredAt.AddMinutes(2) };
        Assert.False(await store.RegisterAsync(sameId, FollowUpSchedule.For(new DateOnly(2026, 2, 10), today: new DateOnly(2026, 3, 1)), CancellationToken.None));

        Assert.Equal(new DateOnly(2026, 1, 31), (await store.FindAsync(procedure.ProcedureId, CancellationToken.None))!.Procedure.Registration.ProcedureDate);
        Assert.Contains(procedure.ProcedureId, (await store.UnfinishedRegistrationsAsync(later, CancellationToken.None)).Select(u => u.ProcedureId));
        Assert.True(await store.IsRegistrationUnfinishedAsync(procedure.ProcedureId, CancellationToken.None));
        Assert.DoesNotContain(procedure.ProcedureId, (await store.UnfinishedRegistrationsAsync(procedure.RegisteredAt, CancellationToken.None)).Select(u => u.ProcedureId));
        await store.RegistrationFinishedAsync(procedure.ProcedureId, CancellationToken.None);
        await store.RegistrationFinishedAsync(procedure.ProcedureId, CancellationToken.None);   // twice: nothing to finish
        Assert.DoesNotContain(procedure.ProcedureId, (await store.UnfinishedRegistrationsAsync(later, CancellationToken.None)).Select(u => u.ProcedureId));
        Assert.False(await store.IsRegistrationUnfinishedAsync(procedure.ProcedureId, CancellationToken.None));
    }

    [Fact]
    public async Task A_listed_registration_abandoned_stays_listed_when_a_retry_listed_it_again_meanwhile()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var procedure = Procedure(Registration());
        var schedule = FollowUpSchedule.For(new DateOnly(2026, 1, 31), today: new DateOnly(2026, 3, 1));
        await store.RegisterAsync(procedure, schedule, CancellationToken.None);
        var listed = Assert.Single(await store.UnfinishedRegistrationsAsync(procedure.RegisteredAt.AddMinutes(1), CancellationToken.None),
            u => u.ProcedureId == procedure.ProcedureId);
        await store.RegistrationFinishedAsync(procedure.ProcedureId, CancellationToken.None);
        var unfinished = await tables.RegistrationsUnfinishedAsync(CancellationToken.None);
        await unfinished.UpsertEntityAsync(UnfinishedRegistrationEntity.From(procedure));   // listed again by a retry under the same id

        await store.RegistrationAbandonedAsync(listed, CancellationToken.None);

        Assert.True(await store.IsRegistrationUnfinishedAsync(procedure.ProcedureId, CancellationToken.None));
    }

    [Fact]
    public async Task A_patient_index_row_naming_another_patients_procedure_is_not_theirs()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var schedule = FollowUpSchedule.For(new DateOnly(2026, 1, 31), today: new DateOnly(2026, 3, 1));
        var mine = Procedure(Registration());
        var theirs = Procedure(Registration() with { PatientRef = "P-0043" });
        await store.RegisterAsync(mine, schedule, CancellationToken.None);
        await store.RegisterAsync(theirs, schedule, CancellationToken.None);
        // What a first attempt under an idempotency key leaves when it died before storing, and a retry under the same key
        // stored another patient's registration: P-0042's index row names P-0043's procedure.
        var index = await tables.PatientProceduresAsync(CancellationToken.None);
        await index.UpsertEntityAsync(PatientProcedureEntity.From(theirs with { Registration = mine.Registration }));

        var found = await store.ProceduresOfPatientAsync("clinic-a", "P-0042", CancellationToken.None);

        Assert.Contains(mine.ProcedureId, found);
        Assert.DoesNotContain(theirs.ProcedureId, found);
    }

    [Fact]
    public async Task A_procedure_is_stored_with_its_registration_audit_entry_in_one_write()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var procedure = Procedure(Registration());
        var registered = new AuditEntry(AuditSubjects.Procedure(procedure.ProcedureId), procedure.RegisteredAt, AuditActor.ClinicKey("key-1"),
            "procedure-registered", new Dictionary<string, string?> { ["procedureType"] = "kyphoplasty" });

        await store.RegisterAsync(procedure, FollowUpSchedule.For(new DateOnly(2026, 1, 31)), CancellationToken.None, registered);

        var trail = await new TableAuditTrail(tables).ReadAsync(AuditSubjects.Procedure(procedure.ProcedureId), CancellationToken.None);
        var entry = Assert.Single(trail);
        Assert.Equal(("procedure-registered", "kyphoplasty"), (entry.Action, entry.Changes["procedureType"]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RegisterAsync(Procedure(Registration()), FollowUpSchedule.For(new DateOnly(2026, 1, 31)),
            CancellationToken.None, registered));   // an entry about another procedure is refused, and that procedure is not stored
    }

    [Fact]
    public async Task A_stored_procedure_is_read_by_storages_own_schema_not_the_apis_rules()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        // A date the public API would refuse today, and a patient reference it might refuse tomorrow: what was stored reads back.
        var old = Registration() with { ProcedureDate = new DateOnly(1999, 12, 31), PatientRef = "12345678" };
        var procedure = Procedure(old);

        await store.RegisterAsync(procedure, FollowUpSchedule.For(old.ProcedureDate, today: new DateOnly(2026, 3, 1)), CancellationToken.None);
        var found = (await store.FindAsync(procedure.ProcedureId, CancellationToken.None))!.Procedure.Registration;

        Assert.Equal((old.ProcedureDate, old.PatientRef, old.Details.Kyphoplasty), (found.ProcedureDate, found.PatientRef, found.Details.Kyphoplasty));
        Assert.Equal(old.Levels, found.Levels);
        Assert.Equal(old.Baseline.Medications, found.Baseline.Medications);
        Assert.Equal(old.Details.Complications, found.Details.Complications);
    }

    [Fact]
    public async Task A_row_in_the_form_earlier_versions_wrote_still_reads()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var procedure = Procedure(Registration());
        await store.RegisterAsync(procedure, FollowUpSchedule.For(new DateOnly(2026, 1, 31), today: new DateOnly(2026, 3, 1)), CancellationToken.None);
        var table = await tables.ProceduresAsync(CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>(procedure.ProcedureId, ProcedureRows.Procedure(procedure.ProcedureId))).Value;
        row["Record"] = """
            {"patientRef":"P-0042","procedureType":"kyphoplasty","procedureDate":"2026-01-31","levels":["T12","L1"],"etiology":"osteoporotic",
             "baseline":{"pain":8,"medications":["paracetamol","weak_opioid"]},
             "details":{"anesthesia":"general","cementVolumeMl":6.5,"complications":["cement_leakage"],"kyphoplasty":{"kyphoticAngleBefore":18,"kyphoticAngleAfter":11}}}
            """;   // the API's wire form, as rows were written before
        await table.UpdateEntityAsync(row, row.ETag);

        var found = await store.FindAsync(procedure.ProcedureId, CancellationToken.None);

        Assert.Equal(StoredRegistration.Write(procedure.Registration), StoredRegistration.Write(found!.Procedure.Registration));
    }

    [Fact]
    public async Task Contact_details_are_stored_encrypted()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var procedure = Procedure(Registration());

        await store.RegisterAsync(procedure, FollowUpSchedule.For(procedure.Registration.ProcedureDate), CancellationToken.None);

        var table = await tables.ProceduresAsync(CancellationToken.None);
        var raw = JsonSerializer.Serialize((await table.GetEntityAsync<TableEntity>(procedure.ProcedureId, ProcedureRows.Procedure(procedure.ProcedureId))).Value);
        Assert.DoesNotContain("patient@example.org", raw);
        Assert.DoesNotContain("4930123456", raw);
    }

    [Fact]
    public async Task Only_follow_ups_still_to_come_are_indexed_by_due_date()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));
        var procedure = Procedure(Registration("2025-06-30"));
        var schedule = FollowUpSchedule.For(new DateOnly(2025, 6, 30), today: new DateOnly(2026, 3, 1));

        await store.RegisterAsync(procedure, schedule, CancellationToken.None);

        var due = await tables.FollowUpsDueAsync(CancellationToken.None);
        var indexed = await due.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(procedure.ProcedureId) > 0 && e.RowKey.CompareTo(procedure.ProcedureId + "~") < 0)
            .Select(e => e.GetString("TimePoint")).ToListAsync();
        Assert.Equal(schedule.Where(f => f.Status == FollowUpStatus.Pending).Select(f => f.TimePoint.Code).Order(), indexed.Order());
        Assert.Contains(schedule, f => f.Status == FollowUpStatus.Missed);
    }

    [Fact]
    public async Task An_unknown_or_unsafe_procedure_id_is_not_found()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(Key));

        Assert.Null(await store.FindAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
        Assert.Null(await store.FindAsync("../../Clinics", CancellationToken.None));
    }

    [Fact]
    public void A_contact_encrypted_under_an_older_key_is_still_read_after_rotation()
    {
        var older = new ContactCipher(Key);
        var rotated = new ContactCipher("k2:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + ";" + Key);
        var contact = new PatientContact("a@example.org", null, "en");

        Assert.Equal(contact, rotated.Decrypt(older.Encrypt(contact), "en"));
        Assert.StartsWith("k2:", rotated.Encrypt(contact));
        Assert.Throws<CryptographicException>(() => new ContactCipher("k3:" + Convert.ToBase64String(new byte[32])).Decrypt(older.Encrypt(contact), "en"));
    }
}

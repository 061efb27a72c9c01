using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

/// <summary>
/// Contact details that cannot be decrypted (sealed under a key an operator removed, or damaged) are a state a read
/// reports, not an exception: a listing reads none, a procedure read says why, and a warning names the key id only.
/// </summary>
public sealed class UnreadableContactTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string RemovedKey = "retired:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string CurrentKey = "current:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly DateOnly Today = new(2026, 2, 7);
    private const string Email = "unreadable.patient@example.org";
    private const string Phone = "+4915112345678";
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
    private readonly Warnings warnings = new();

    /// <summary>The store as the app has it now: configured with the current key only.</summary>
    private TableProcedureStore Procedures => new(tables, new ContactCipher(CurrentKey), warnings);

    private TableProcedureListing Listing => new(tables, new ContactCipher(CurrentKey), Procedures);

    /// <summary>A procedure registered while <see cref="RemovedKey"/> was the current key.</summary>
    private async Task<string> RegisterUnderTheRemovedKeyAsync(string patientRef = "P-0042")
    {
        var registration = new ProcedureRegistration(
            patientRef, new PatientContact(Email, Phone, "es"), ProcedureType.Vertebroplasty, new DateOnly(2026, 1, 31),
            [VertebralLevel.All.Single(l => l.ToString() == "L1")], Etiology.Osteoporotic,
            new Baseline(PainScore.From(8), [Medication.Paracetamol]), ProcedureDetails.None);
        var procedure = new RegisteredProcedure(Guid.NewGuid().ToString("N"), "clinic-a", registration, DateTimeOffset.UnixEpoch);
        Assert.True(await new TableProcedureStore(tables, new ContactCipher($"{RemovedKey};{CurrentKey}"))
            .RegisterAsync(procedure, FollowUpSchedule.For(registration.ProcedureDate, Today), CancellationToken.None));
        return procedure.ProcedureId;
    }

    private async Task ChangeRowAsync(string procedureId, Action<TableEntity> change)
    {
        var table = await tables.ProceduresAsync(CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>(procedureId, ProcedureRows.Procedure(procedureId))).Value;
        change(row);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }

    [Fact]
    public async Task A_procedure_whose_key_was_removed_is_read_with_its_contact_unreadable_and_a_warning_naming_the_key()
    {
        var procedureId = await RegisterUnderTheRemovedKeyAsync();

        var read = (await Procedures.FindAsync(procedureId, CancellationToken.None))!.Procedure;

        Assert.Equal(new HeldContact(true, true, Decrypted: false, new UnreadableContact("retired", KeyConfigured: false)), read.ContactHeld);
        Assert.Equal("contact details cannot be read: the key they were sealed under is not configured", read.ContactHeld.Unreadable!.Reason);
        Assert.Equal(new PatientContact(null, null, "es"), read.Registration.Contact);
        Assert.Equal("P-0042", read.Registration.PatientRef);
        var warning = Assert.Single(warnings.Lines);
        Assert.Contains(procedureId, warning);
        Assert.Contains("retired", warning);
        Assert.DoesNotContain("unreadable.patient", warning);
        Assert.DoesNotContain("4915112345678", warning);
    }

    [Fact]
    public async Task Every_listing_lists_a_procedure_whose_key_was_removed_and_decrypts_no_contact()
    {
        var procedureId = await RegisterUnderTheRemovedKeyAsync("P-0077");

        var all = await Listing.ListAsync("clinic-a", FollowUpFilter.Any, null, 10, null, CancellationToken.None);
        var pending = await Listing.ListAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Pending, null, null, null), null, 10, null, CancellationToken.None);
        var ofPatient = await Listing.ListAsync("clinic-a", FollowUpFilter.Any, "P-0077", 10, null, CancellationToken.None);

        foreach (var page in new[] { all, pending, ofPatient })
        {
            var listed = Assert.Single(page.Procedures).Procedure;
            Assert.Equal(procedureId, listed.ProcedureId);
            Assert.Equal(new HeldContact(true, true, Decrypted: false), listed.ContactHeld);
        }
        Assert.Empty(warnings.Lines);
    }

    [Fact]
    public async Task A_listing_decrypts_a_readable_contact_stored_before_its_channels_were_kept_beside_it()
    {
        var procedureId = await RegisterUnderTheRemovedKeyAsync();
        await ChangeRowAsync(procedureId, row => { row.Remove("HasEmail"); row.Remove("HasPhone"); });
        var rotated = new ContactCipher($"{CurrentKey};{RemovedKey}");

        var listed = Assert.Single((await new TableProcedureListing(tables, rotated, new TableProcedureStore(tables, rotated))
            .ListAsync("clinic-a", FollowUpFilter.Any, null, 10, null, CancellationToken.None)).Procedures).Procedure;

        Assert.Equal(new HeldContact(true, true, Decrypted: true), listed.ContactHeld);
    }

    [Fact]
    public async Task A_damaged_contact_is_read_as_damaged_and_its_content_is_never_echoed()
    {
        var procedureId = await RegisterUnderTheRemovedKeyAsync();
        await ChangeRowAsync(procedureId, row => row["Contact"] = "someone.else@example.org");

        var read = (await Procedures.FindAsync(procedureId, CancellationToken.None))!.Procedure;

        Assert.Equal(new UnreadableContact(null, KeyConfigured: false), read.ContactHeld.Unreadable);
        Assert.Equal("contact details cannot be read: they are damaged", read.ContactHeld.Unreadable!.Reason);
        Assert.DoesNotContain("someone.else", Assert.Single(warnings.Lines));
        var thrown = Assert.Throws<CryptographicException>(() => new ContactCipher(CurrentKey).Decrypt("someone.else@example.org", "en"));
        Assert.DoesNotContain("someone.else", thrown.Message);
    }

    [Fact]
    public async Task A_phone_whose_procedure_contact_is_damaged_finds_nothing_rather_than_failing()
    {
        var procedureId = await RegisterUnderTheRemovedKeyAsync();
        var sealedUnderCurrent = new ContactCipher(CurrentKey).Encrypt(new PatientContact(Email, Phone, "es"));
        await ChangeRowAsync(procedureId, row => row["Contact"] = sealedUnderCurrent[..^8] + "AAAAAAA=");
        await (await tables.PatientPhonesAsync(CancellationToken.None)).UpsertEntityAsync(
            new TableEntity(new ContactCipher(CurrentKey).PhoneLookupKey(Phone), procedureId) { ["ClinicId"] = "clinic-a" });

        Assert.Empty(await Procedures.ProceduresWithPhoneAsync(Phone, CancellationToken.None));
        Assert.Equal(new UnreadableContact("current", KeyConfigured: true), (await Procedures.FindAsync(procedureId, CancellationToken.None))!.Procedure.ContactHeld.Unreadable);
    }

    private sealed class Warnings : ILogger<TableProcedureStore>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
                Lines.Add(formatter(state, exception) + exception);
        }
    }
}

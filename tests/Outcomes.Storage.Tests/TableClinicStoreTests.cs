using Azure.Data.Tables;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableClinicStoreTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly OutcomesTables tables;
    private readonly TableClinicStore store;

    public TableClinicStoreTests(AzuriteFixture azurite)
    {
        tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
        store = new(tables);
    }

    private static AuditEntry Changed(Clinic clinic) => new(AuditSubjects.Clinic(clinic.ClinicId), Now, AuditActor.Admin, "clinic-settings-changed",
        new Dictionary<string, string?> { ["changed"] = "name" });

    private Task<IReadOnlyList<AuditEntry>> TrailAsync(string clinicId) => new TableAuditTrail(tables).ReadAsync(AuditSubjects.Clinic(clinicId), CancellationToken.None);

    [Fact]
    public async Task A_clinic_is_stored_and_found_by_its_id()
    {
        var clinic = new Clinic("c1", "Spine Centre North", "Europe/Amsterdam", Now);

        Assert.Equal(StoreOutcome.Stored, await store.AddAsync(clinic, CancellationToken.None));

        Assert.Equal(clinic, await store.FindAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task An_id_that_is_taken_keeps_the_clinic_that_has_it()
    {
        await store.AddAsync(new Clinic("c2", "First", "UTC", Now), CancellationToken.None);

        var again = await store.AddAsync(new Clinic("c2", "Second", "UTC", Now), CancellationToken.None);

        Assert.Equal(StoreOutcome.AlreadyStored, again);
        Assert.Equal("First", (await store.FindAsync("c2", CancellationToken.None))!.Name);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("a/b")]
    [InlineData("what?")]
    [InlineData("")]
    public async Task An_unknown_or_unusable_id_finds_nothing(string clinicId) =>
        Assert.Null(await store.FindAsync(clinicId, CancellationToken.None));

    [Fact]
    public async Task The_alert_address_and_phone_are_stored_and_read_back()
    {
        var clinic = new Clinic("c3", "Spine Centre South", "Asia/Tokyo", Now, "alerts@spine-south.example.org", "+81312345678");

        await store.AddAsync(clinic, CancellationToken.None);

        Assert.Equal(clinic, await store.FindAsync("c3", CancellationToken.None));
        Assert.Equal(clinic, (await store.GetAsync("c3", CancellationToken.None))!.Clinic);
    }

    [Fact]
    public async Task A_change_at_the_version_read_is_written_and_gives_a_new_version()
    {
        await store.AddAsync(new Clinic("c4", "Before", "UTC", Now), CancellationToken.None);
        var read = (await store.GetAsync("c4", CancellationToken.None))!;
        var changed = read.Clinic with { Name = "After", AlertEmail = "alerts@example.org", Phone = "+4930123456" };

        var version = await store.TryUpdateAsync(read, changed, Changed(read.Clinic), CancellationToken.None);

        Assert.NotNull(version);
        Assert.NotEqual(read.Version, version);
        var now = (await store.GetAsync("c4", CancellationToken.None))!;
        Assert.Equal(changed, now.Clinic);
        Assert.Equal(version, now.Version);
    }

    [Fact]
    public async Task A_setting_taken_away_is_gone_from_the_row()
    {
        await store.AddAsync(new Clinic("c5", "Clinic", "UTC", Now, "alerts@example.org", "+4930123456"), CancellationToken.None);
        var read = (await store.GetAsync("c5", CancellationToken.None))!;

        await store.TryUpdateAsync(read, read.Clinic with { AlertEmail = null }, Changed(read.Clinic), CancellationToken.None);

        Assert.Equal(new Clinic("c5", "Clinic", "UTC", Now, null, "+4930123456"), await store.FindAsync("c5", CancellationToken.None));
    }

    [Fact]
    public async Task A_change_from_a_version_that_is_no_longer_current_writes_nothing()
    {
        await store.AddAsync(new Clinic("c6", "Original", "UTC", Now), CancellationToken.None);
        var first = (await store.GetAsync("c6", CancellationToken.None))!;
        var second = (await store.GetAsync("c6", CancellationToken.None))!;
        Assert.NotNull(await store.TryUpdateAsync(first, first.Clinic with { Name = "First writer" }, Changed(first.Clinic), CancellationToken.None));

        var late = await store.TryUpdateAsync(second, second.Clinic with { Name = "Second writer" }, Changed(second.Clinic), CancellationToken.None);

        Assert.Null(late);
        Assert.Equal("First writer", (await store.FindAsync("c6", CancellationToken.None))!.Name);
        Assert.Single(await TrailAsync("c6"));   // the first writer's entry only
    }

    [Fact]
    public async Task Of_two_writers_at_once_from_the_same_version_exactly_one_lands()
    {
        await store.AddAsync(new Clinic("c7", "Original", "UTC", Now), CancellationToken.None);
        var read = (await store.GetAsync("c7", CancellationToken.None))!;

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.TryUpdateAsync(read, read.Clinic with { Name = $"Writer {i}" }, Changed(read.Clinic), CancellationToken.None)));

        var landed = Assert.Single(versions.Select((v, i) => (v, i)), x => x.v is not null);
        Assert.Equal($"Writer {landed.i}", (await store.FindAsync("c7", CancellationToken.None))!.Name);
        Assert.Single(await TrailAsync("c7"));
    }

    [Fact]
    public async Task A_change_to_a_clinic_that_is_not_there_writes_nothing()
    {
        var ghost = new TrackedClinic(new Clinic("c8-ghost", "Ghost", "UTC", Now), "W/\"datetime'2026-03-01T09%3A00%3A00.0000000Z'\"");

        Assert.Null(await store.TryUpdateAsync(ghost, ghost.Clinic with { Name = "Still a ghost" }, Changed(ghost.Clinic), CancellationToken.None));
        Assert.Null(await store.FindAsync("c8-ghost", CancellationToken.None));
    }

    [Fact]
    public async Task A_change_is_written_with_its_audit_entry_which_the_clinics_trail_reads_in_time_order_with_the_others()
    {
        await store.AddAsync(new Clinic("c12", "Before", "UTC", Now), CancellationToken.None);
        await new TableAuditTrail(tables).AppendAsync(new AuditEntry(AuditSubjects.Clinic("c12"), Now.AddMinutes(-1), AuditActor.Admin, "clinic-created", new Dictionary<string, string?>()), CancellationToken.None);
        await new TableAuditTrail(tables).AppendAsync(new AuditEntry(AuditSubjects.Clinic("c12"), Now.AddMinutes(1), AuditActor.Admin, "key-issued", new Dictionary<string, string?>()), CancellationToken.None);
        var read = (await store.GetAsync("c12", CancellationToken.None))!;

        Assert.NotNull(await store.TryUpdateAsync(read, read.Clinic with { Name = "After" }, Changed(read.Clinic), CancellationToken.None));

        Assert.Equal(["clinic-created", "clinic-settings-changed", "key-issued"], (await TrailAsync("c12")).Select(e => e.Action));
        Assert.Equal(new Clinic("c12", "After", "UTC", Now), Assert.Single(await store.AllAsync(CancellationToken.None), c => c.ClinicId == "c12"));
    }

    [Fact]
    public async Task A_change_is_audited_on_its_own_clinic_only()
    {
        await store.AddAsync(new Clinic("c13", "Clinic", "UTC", Now), CancellationToken.None);
        var read = (await store.GetAsync("c13", CancellationToken.None))!;

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryUpdateAsync(read, read.Clinic with { Name = "Other" },
            Changed(read.Clinic with { ClinicId = "c14" }), CancellationToken.None));
        Assert.Equal("Clinic", (await store.FindAsync("c13", CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task A_clinic_never_changes_its_id()
    {
        await store.AddAsync(new Clinic("c9", "Clinic", "UTC", Now), CancellationToken.None);
        var read = (await store.GetAsync("c9", CancellationToken.None))!;

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryUpdateAsync(read, read.Clinic with { ClinicId = "c10" }, Changed(read.Clinic), CancellationToken.None));
    }

    [Fact]
    public void A_clinic_written_to_a_log_shows_neither_its_alert_address_nor_its_phone()
    {
        var text = new Clinic("c11", "Clinic", "UTC", Now, "alerts@example.org", "+4930123456").ToString();

        Assert.DoesNotContain("alerts@example.org", text);
        Assert.DoesNotContain("4930123456", text);
        Assert.Contains("c11", text);
    }
}

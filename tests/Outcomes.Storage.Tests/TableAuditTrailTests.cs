using Azure.Data.Tables;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableAuditTrailTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
    private TableAuditTrail Trail => new(tables);

    private static AuditEntry Entry(string subject, string action, DateTimeOffset at, AuditActor? actor = null, params (string, string?)[] changes) =>
        new(subject, at, actor ?? AuditActor.Admin, action, changes.ToDictionary(c => c.Item1, c => c.Item2));

    [Fact]
    public async Task Entries_are_read_back_in_the_order_they_were_appended_also_within_one_tick()
    {
        var subject = AuditSubjects.Procedure("p1");
        var actions = Enumerable.Range(0, 12).Select(i => $"step-{i}").ToList();

        foreach (var action in actions)
            await Trail.AppendAsync(Entry(subject, action, Now), None);

        Assert.Equal(actions, (await Trail.ReadAsync(subject, None)).Select(e => e.Action));
    }

    [Fact]
    public async Task An_entry_keeps_its_time_actor_action_and_changes()
    {
        var entry = Entry(AuditSubjects.Clinic("c9"), "key-issued", Now, AuditActor.ClinicKey("key_1"), ("keyId", "key_2"), ("role", null));

        await Trail.AppendAsync(entry, None);

        var read = Assert.Single(await Trail.ReadAsync(AuditSubjects.Clinic("c9"), None));
        Assert.Equal((entry.Subject, entry.At, entry.Actor, entry.Action), (read.Subject, read.At, read.Actor, read.Action));
        Assert.Equal(entry.Changes, read.Changes);
    }

    [Fact]
    public async Task Appending_the_same_entry_twice_inserts_two_rows_and_overwrites_nothing()
    {
        var entry = Entry(AuditSubjects.Clinic("c3"), "clinic-created", Now, changes: ("name", "A"));

        await Trail.AppendAsync(entry, None);
        await Trail.AppendAsync(entry, None);

        Assert.Equal(2, (await Trail.ReadAsync(AuditSubjects.Clinic("c3"), None)).Count);
        var table = await tables.AuditTrailAsync(None);
        var actorKinds = (await table.QueryAsync<TableEntity>().ToListAsync()).Where(r => r.GetString("Subject") == "clinic/c3").Select(r => r.GetString("ActorKind"));
        Assert.All(actorKinds, k => Assert.Equal("admin", k));
    }

    [Fact]
    public async Task Subjects_do_not_see_each_others_entries()
    {
        await Trail.AppendAsync(Entry(AuditSubjects.Procedure("a"), "registered", Now), None);

        Assert.Empty(await Trail.ReadAsync(AuditSubjects.Procedure("b"), None));
    }

    [Theory]
    [InlineData("email", "x")]
    [InlineData("contactPhone", "x")]
    [InlineData("note", "reach me at someone@example.org")]
    [InlineData("keyId", "oc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Contact_details_and_keys_are_refused_before_they_reach_the_trail(string field, string value) =>
        Assert.Throws<ArgumentException>(() => Entry(AuditSubjects.Procedure("p"), "changed", Now, changes: (field, value)));

    [Theory]
    [InlineData("procedure")]
    [InlineData("procedure/")]
    [InlineData("Procedure/x")]
    [InlineData("procedure/a/b")]
    [InlineData("procedure/a#b")]
    public void A_subject_is_a_kind_and_an_id(string subject) =>
        Assert.Throws<ArgumentException>(() => Entry(subject, "changed", Now));
}

using Azure.Data.Tables;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableClinicStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableClinicStore store = new(new OutcomesTables(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t")));

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
}

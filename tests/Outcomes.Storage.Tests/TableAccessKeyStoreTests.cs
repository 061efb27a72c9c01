using Azure.Data.Tables;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableAccessKeyStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
    private TableAccessKeyStore Store => new(tables);

    [Fact]
    public async Task An_issued_key_is_prefixed_random_base64url_and_finds_its_record()
    {
        var issued = await Store.IssueAsync(AccessRole.Clinic, "c1", Now, None);

        Assert.Matches("^oc_[A-Za-z0-9_-]{43}$", issued.PlainKey);
        Assert.Equal(new AccessKey(issued.Key.KeyId, AccessRole.Clinic, "c1", Now, null), await Store.FindByPresentedKeyAsync(issued.PlainKey, None));
        Assert.Equal(issued.Key, await Store.FindAsync(issued.Key.KeyId, None));
    }

    [Fact]
    public async Task Only_the_hash_of_a_key_is_stored_never_the_key()
    {
        var issued = await Store.IssueAsync(AccessRole.Analyst, null, Now, None);

        var table = await tables.AccessKeysAsync(None);
        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(2, rows.Count);
        var everything = string.Join("|", rows.SelectMany(r => r.Select(p => $"{p.Key}={p.Value}")));
        Assert.DoesNotContain(issued.PlainKey, everything);
        Assert.DoesNotContain(issued.PlainKey[3..], everything);
        Assert.Contains(AccessKeySecrets.Hash(issued.PlainKey), everything);
        Assert.DoesNotContain(issued.PlainKey, issued.ToString());   // ToString hides the key
    }

    [Fact]
    public async Task A_revoked_key_is_found_as_revoked_and_revoking_again_changes_nothing()
    {
        var issued = await Store.IssueAsync(AccessRole.Clinic, "c1", Now, None);
        var other = await Store.IssueAsync(AccessRole.Clinic, "c1", Now, None);

        Assert.Equal(RevokeOutcome.Revoked, await Store.RevokeAsync(issued.Key.KeyId, Now.AddHours(1), None));
        Assert.Equal(RevokeOutcome.AlreadyRevoked, await Store.RevokeAsync(issued.Key.KeyId, Now.AddHours(2), None));

        Assert.Equal(Now.AddHours(1), (await Store.FindByPresentedKeyAsync(issued.PlainKey, None))!.RevokedAt);
        Assert.Equal(Now.AddHours(1), (await Store.FindAsync(issued.Key.KeyId, None))!.RevokedAt);
        Assert.False((await Store.FindByPresentedKeyAsync(other.PlainKey, None))!.IsRevoked);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_id_finds_nothing() =>
        Assert.Equal(RevokeOutcome.NotFound, await Store.RevokeAsync("key_0000000000000000", Now, None));

    [Theory]
    [InlineData("")]
    [InlineData("oc_")]
    [InlineData("oc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]   // the right shape, never issued
    [InlineData("oc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/=")]   // not base64url
    [InlineData("Bearer nonsense")]
    public async Task A_key_that_was_never_issued_finds_nothing(string presented) =>
        Assert.Null(await Store.FindByPresentedKeyAsync(presented, None));

    [Fact]
    public async Task Concurrent_revokes_of_one_key_revoke_it_once()
    {
        var issued = await Store.IssueAsync(AccessRole.Clinic, "c1", Now, None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Store.RevokeAsync(issued.Key.KeyId, Now.AddMinutes(i), None)));

        Assert.Contains(RevokeOutcome.Revoked, outcomes);
        Assert.True((await Store.FindByPresentedKeyAsync(issued.PlainKey, None))!.IsRevoked);
    }

    [Theory]
    [InlineData(AccessRole.Clinic, null)]
    [InlineData(AccessRole.Analyst, "c1")]
    public async Task A_clinic_key_needs_its_clinic_and_an_analyst_key_has_none(AccessRole role, string? clinicId) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.IssueAsync(role, clinicId, Now, None));
}

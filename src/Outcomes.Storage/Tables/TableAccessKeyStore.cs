using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

internal sealed class TableAccessKeyStore(OutcomesTables tables) : IAccessKeyStore
{
    public async Task<IssuedAccessKey> IssueAsync(AccessRole role, string? clinicId, DateTimeOffset at, CancellationToken ct)
    {
        if ((role == AccessRole.Clinic) != (clinicId is not null))
            throw new ArgumentException("A clinic key names its clinic; an analyst key names none.", nameof(clinicId));
        var table = await tables.AccessKeysAsync(ct);
        var plain = AccessKeySecrets.NewKey();
        var hash = AccessKeySecrets.Hash(plain);
        var key = await AddIdRowAsync(table, role, clinicId, at, hash, ct);
        await table.AddEntityAsync(AccessKeyEntity.ByHash(key, hash), ct);
        return new IssuedAccessKey(key, plain);
    }

    public async Task<AccessKey?> FindByPresentedKeyAsync(string presentedKey, CancellationToken ct)
    {
        if (!AccessKeySecrets.LooksLikeKey(presentedKey))
            return null;
        // Looked up by the hash of the whole key: timing can at most tell an attacker about hashes, not about keys.
        return await FindRowAsync(AccessKeyEntity.HashPrefix + AccessKeySecrets.Hash(presentedKey), ct) is { } row ? row.ToDomain() : null;
    }

    public async Task<AccessKey?> FindAsync(string keyId, CancellationToken ct) =>
        TableKeys.IsSafe(keyId) && await FindRowAsync(AccessKeyEntity.IdPrefix + keyId, ct) is { } row ? row.ToDomain() : null;

    public async Task<RevokeOutcome> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(keyId) || await FindRowAsync(AccessKeyEntity.IdPrefix + keyId, ct) is not { } byId)
            return RevokeOutcome.NotFound;
        var stopped = await MarkRevokedAsync(AccessKeyEntity.HashPrefix + byId.KeyHash, at, ct);
        var recorded = await MarkRevokedAsync(AccessKeyEntity.IdPrefix + keyId, at, ct);
        return stopped || recorded ? RevokeOutcome.Revoked : RevokeOutcome.AlreadyRevoked;
    }

    private static async Task<AccessKey> AddIdRowAsync(
        TableClient table, AccessRole role, string? clinicId, DateTimeOffset at, string hash, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var key = new AccessKey(AccessKeySecrets.NewKeyId(), role, clinicId, at, RevokedAt: null);
            try
            {
                await table.AddEntityAsync(AccessKeyEntity.ById(key, hash), ct);
                return key;
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < 3) // a 64-bit key id met an existing one
            {
            }
        }
    }

    private async Task<AccessKeyEntity?> FindRowAsync(string partitionKey, CancellationToken ct)
    {
        var table = await tables.AccessKeysAsync(ct);
        var row = await table.GetEntityIfExistsAsync<AccessKeyEntity>(partitionKey, "", cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    /// <returns>True when this call revoked the row; false when it was revoked already or is missing.</returns>
    private async Task<bool> MarkRevokedAsync(string partitionKey, DateTimeOffset at, CancellationToken ct)
    {
        var table = await tables.AccessKeysAsync(ct);
        while (true)
        {
            if (await FindRowAsync(partitionKey, ct) is not { RevokedAt: null } row)
                return false;
            row.RevokedAt = at;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412) // changed meanwhile (a concurrent revoke): look again
            {
            }
        }
    }
}

using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// An issued key, stored as two rows of this shape in the AccessKeys table, each with RowKey empty:
/// <list type="bullet">
/// <item>PartitionKey <c>hash-{sha256 hex}</c>: how every request finds the key it presents, in one point read.
/// The plain key is never stored, so a copy of the table lets nobody in.</item>
/// <item>PartitionKey <c>id-{keyId}</c>: how an admin revokes by key id; it holds the hash that leads to the other row.</item>
/// </list>
/// The two rows sit in different partitions (no transaction spans them), so they are written in an order that is
/// safe to stop anywhere: issuing writes the id row first (a key without its hash row cannot get in), revoking marks
/// the hash row first (the key stops working before anything else is recorded).
/// </summary>
internal sealed class AccessKeyEntity : ITableEntity
{
    public const string HashPrefix = "hash-", IdPrefix = "id-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string KeyId { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Role { get; set; } = "";
    public string? ClinicId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public static AccessKeyEntity ById(AccessKey key, string hash) => From(IdPrefix + key.KeyId, key, hash);

    public static AccessKeyEntity ByHash(AccessKey key, string hash) => From(HashPrefix + hash, key, hash);

    private static AccessKeyEntity From(string partitionKey, AccessKey key, string hash) => new()
    {
        PartitionKey = partitionKey, RowKey = "", KeyId = key.KeyId, KeyHash = hash, Role = key.Role.ToString(),
        ClinicId = key.ClinicId, CreatedAt = key.CreatedAt, RevokedAt = key.RevokedAt,
    };

    public AccessKey ToDomain() => new(KeyId, Enum.Parse<AccessRole>(Role), ClinicId, CreatedAt, RevokedAt);
}

namespace Outcomes.Storage;

public enum AccessRole { Clinic, Analyst }

/// <summary>What is known about an issued key. The key itself is not: only its SHA-256 hash is stored.</summary>
public sealed record AccessKey(string KeyId, AccessRole Role, string? ClinicId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A key just issued: <see cref="PlainKey"/> is shown to its owner once and cannot be read back later.</summary>
public sealed record IssuedAccessKey(AccessKey Key, string PlainKey)
{
    public override string ToString() => $"IssuedAccessKey {{ Key = {Key}, PlainKey = *** }}";   // never in a log by accident
}

public enum RevokeOutcome { Revoked, AlreadyRevoked, NotFound }

/// <summary>Clinic and analyst API keys: issued, found by the key a caller presents, revoked by key id.</summary>
public interface IAccessKeyStore
{
    /// <param name="clinicId">The clinic a <see cref="AccessRole.Clinic"/> key belongs to; null for an analyst key.</param>
    Task<IssuedAccessKey> IssueAsync(AccessRole role, string? clinicId, DateTimeOffset at, CancellationToken ct);

    /// <summary>The key a caller presented (revoked ones included, so the caller decides); null when unknown or malformed.</summary>
    Task<AccessKey?> FindByPresentedKeyAsync(string presentedKey, CancellationToken ct);

    Task<AccessKey?> FindAsync(string keyId, CancellationToken ct);

    Task<RevokeOutcome> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken ct);
}

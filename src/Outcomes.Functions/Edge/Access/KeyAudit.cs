using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>The audit entries for keys: a clinic key is recorded on its clinic, an analyst key on itself. Never the key.</summary>
internal static class KeyAudit
{
    public static AuditEntry Issued(AccessKey key, AuditActor actor) =>
        new(SubjectOf(key), key.CreatedAt, actor, "key-issued", new Dictionary<string, string?> { ["keyId"] = key.KeyId, ["role"] = Role(key) });

    public static AuditEntry Revoked(AccessKey key, DateTimeOffset at, AuditActor actor) =>
        new(SubjectOf(key), at, actor, "key-revoked", new Dictionary<string, string?> { ["keyId"] = key.KeyId, ["role"] = Role(key) });

    private static string SubjectOf(AccessKey key) =>
        key.ClinicId is { } clinicId ? AuditSubjects.Clinic(clinicId) : AuditSubjects.AnalystKey(key.KeyId);

    private static string Role(AccessKey key) => key.Role.ToString().ToLowerInvariant();
}

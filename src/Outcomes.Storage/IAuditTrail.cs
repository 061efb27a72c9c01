using System.Text.RegularExpressions;

namespace Outcomes.Storage;

public enum ActorKind { ClinicKey, PatientLink, Admin, System }

/// <summary>Who made a change: a clinic key (its key id), a patient link (its reference), the admin, or the system.</summary>
public sealed record AuditActor(ActorKind Kind, string Id)
{
    public static AuditActor Admin { get; } = new(ActorKind.Admin, "admin");
    public static AuditActor ClinicKey(string keyId) => new(ActorKind.ClinicKey, keyId);
    public static AuditActor PatientLink(string linkReference) => new(ActorKind.PatientLink, linkReference);
    public static AuditActor System(string process) => new(ActorKind.System, process);
}

/// <summary>
/// One recorded change to a subject such as <c>clinic/{id}</c> or <c>procedure/{id}</c>. Changes are field names and
/// non-personal values: contact details and secrets are refused here, at construction, so they cannot reach the trail.
/// </summary>
public sealed partial record AuditEntry
{
    private static readonly string[] ContactFields = ["email", "phone"];

    public AuditEntry(string subject, DateTimeOffset at, AuditActor actor, string action, IReadOnlyDictionary<string, string?> changes)
    {
        if (!AuditSubjects.IsValid(subject))
            throw new ArgumentException($"An audit subject is '<kind>/<id>' (kind: lower-case letters and '-'); got '{subject}'.", nameof(subject));
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        foreach (var (field, value) in changes)
        {
            if (ContactFields.Any(c => field.Contains(c, StringComparison.OrdinalIgnoreCase)) || value is not null && EmailAddress().IsMatch(value))
                throw new ArgumentException($"Contact details never go into the audit trail ('{field}').", nameof(changes));
            if (value is not null && ApiKey().IsMatch(value))
                throw new ArgumentException($"An API key never goes into the audit trail ('{field}').", nameof(changes));
        }
        (Subject, At, Actor, Action, Changes) = (subject, at, actor, action, changes);
    }

    public string Subject { get; }
    public DateTimeOffset At { get; }
    public AuditActor Actor { get; }
    public string Action { get; }
    public IReadOnlyDictionary<string, string?> Changes { get; }

    [GeneratedRegex(@"\S@\S+\.\S")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"oc_[A-Za-z0-9_-]{43}")]
    private static partial Regex ApiKey();
}

/// <summary>The subjects the trail records changes to.</summary>
public static class AuditSubjects
{
    public static string Clinic(string clinicId) => $"clinic/{clinicId}";
    public static string Procedure(string procedureId) => $"procedure/{procedureId}";
    public static string AnalystKey(string keyId) => $"analyst-key/{keyId}";

    internal static bool IsValid(string subject) =>
        subject.IndexOf('/') is > 0 and var slash && slash < subject.Length - 1
        && subject[..slash].All(c => c is >= 'a' and <= 'z' or '-')
        && subject[(slash + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

/// <summary>An append-only record of changes. Entries are only ever added; none is updated or deleted.</summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>The subject's entries in the order they were appended.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(string subject, CancellationToken ct);
}

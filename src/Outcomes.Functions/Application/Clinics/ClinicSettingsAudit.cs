using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// The audit entries for a clinic's settings: which settings were given or changed, the display name's new value, and
/// which were removed; never the alert address or the phone themselves.
/// </summary>
internal static class ClinicSettingsAudit
{
    public static AuditEntry Created(Clinic clinic, AuditActor actor)
    {
        var changes = new Dictionary<string, string?> { ["name"] = clinic.Name, ["timeZone"] = clinic.TimeZone };
        if (Names(Given(clinic)) is { } given)
            changes["set"] = given;
        return new(AuditSubjects.Clinic(clinic.ClinicId), clinic.CreatedAt, actor, "clinic-created", changes);
    }

    public static AuditEntry Changed(Clinic before, Clinic after, AuditActor actor, DateTimeOffset at)
    {
        var changed = new List<string>();
        var removed = new List<string>();
        if (before.Name != after.Name) changed.Add("name");
        Compare("alertEmail", before.AlertEmail, after.AlertEmail);
        Compare("phone", before.Phone, after.Phone);
        var changes = new Dictionary<string, string?> { ["changed"] = Names(changed) };
        if (before.Name != after.Name) changes["name"] = after.Name;
        if (Names(removed) is { } gone) changes["removed"] = gone;
        return new(AuditSubjects.Clinic(after.ClinicId), at, actor, "clinic-settings-changed", changes);

        void Compare(string setting, string? was, string? now)
        {
            if (was == now) return;
            changed.Add(setting);
            if (now is null) removed.Add(setting);
        }
    }

    private static IEnumerable<string> Given(Clinic clinic) =>
        new[] { clinic.AlertEmail is null ? null : "alertEmail", clinic.Phone is null ? null : "phone" }.OfType<string>();

    private static string? Names(IEnumerable<string> settings) => string.Join(",", settings) is { Length: > 0 } names ? names : null;
}

using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// The body of <c>POST /api/clinics</c>, as bound: a name of 1–200 characters, an IANA time zone, and optionally the
/// address red-flag alerts go to and the phone patients may call (<see cref="ClinicSettingChecks"/>).
/// </summary>
public sealed record ClinicRequest(string? Name, string? TimeZone, string? AlertEmail = null, string? Phone = null)
{
    /// <summary>The clinic (its name trimmed, its phone in E.164 form), or every wrong field.</summary>
    internal (Clinic? Clinic, IReadOnlyList<Rejection> Problems) ToClinic(string clinicId, DateTimeOffset createdAt)
    {
        var checks = new FieldChecks();
        var name = checks.Present(Name, "name", true) is null ? null : ClinicSettingChecks.Name(checks, Name);
        var timeZone = checks.Present(string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone, "timeZone", true) is { } zone
            ? ClinicSettingChecks.TimeZone(checks, zone) : null;
        var alertEmail = AlertEmail is null ? null : ClinicSettingChecks.AlertEmail(checks, AlertEmail);
        var phone = Phone is null ? null : ClinicSettingChecks.Phone(checks, Phone);
        return checks.HasProblems ? (null, checks.Problems) : (new Clinic(clinicId, name!, timeZone!, createdAt, alertEmail, phone), []);
    }
}

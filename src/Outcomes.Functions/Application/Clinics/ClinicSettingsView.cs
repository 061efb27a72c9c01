using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A clinic's settings as the API shows them to the admin and to the clinic itself: what <c>GET</c> answers and a
/// merge patch changes. An optional setting that is not set is <c>null</c>.
/// </summary>
public sealed record ClinicSettingsView(string ClinicId, string Name, string TimeZone, string? AlertEmail, string? Phone)
{
    public static ClinicSettingsView Of(Clinic clinic) => new(clinic.ClinicId, clinic.Name, clinic.TimeZone, clinic.AlertEmail, clinic.Phone);

    public override string ToString() => $"ClinicSettingsView {{ ClinicId = {ClinicId} }}";   // the alert address and phone stay out of logs
}

using System.Text.Json;
using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// The body of <c>PATCH /api/clinics/{clinicId}</c>: a JSON merge patch (RFC 7396) of the clinic's settings. A member
/// that is there sets its setting, <c>null</c> removes an optional one (<c>alertEmail</c>, <c>phone</c>), a member that
/// is not there leaves its setting as it is. <c>clinicId</c> and <c>timeZone</c> may be sent back as they are (a settings
/// document read with <c>GET</c> patches cleanly), never changed: the clinic's follow-ups are scheduled in its time zone.
/// This record is the body's shape in the OpenAPI document; <see cref="Apply"/> reads the JSON itself, where absent and
/// <c>null</c> differ.
/// </summary>
public sealed record ClinicSettingsPatch(string? Name, string? AlertEmail, string? Phone)
{
    public const string MediaType = "application/merge-patch+json";

    private const string Settings = "a patch sets 'name', 'alertEmail' or 'phone'";

    /// <summary>The clinic with the patch applied, or every wrong member (named by its name as sent).</summary>
    internal static (Clinic? Patched, IReadOnlyList<Rejection> Problems) Apply(JsonElement patch, Clinic current)
    {
        if (patch.ValueKind != JsonValueKind.Object)
            return (null, [new Rejection("malformed-json", "A merge patch of a clinic's settings is a JSON object.", $"Got a JSON {JsonTypeMismatch.Kind(patch)}.")]);
        var checks = new FieldChecks();
        var patched = current;
        foreach (var member in patch.EnumerateObject())
        {
            var field = Rejection.Excerpt(member.Name);
            var value = member.Value;
            switch (member.Name.ToLowerInvariant())
            {
                case "name" when value.ValueKind == JsonValueKind.Null:
                    checks.Refuse(field, "A clinic always has a display name: it cannot be removed.");
                    break;
                case "name" when Text(checks, field, value) is { } name:
                    patched = ClinicSettingChecks.Name(checks, name, field) is { } checkedName ? patched with { Name = checkedName } : patched;
                    break;
                case "alertemail" when value.ValueKind == JsonValueKind.Null:
                    patched = patched with { AlertEmail = null };
                    break;
                case "alertemail" when Text(checks, field, value) is { } email:
                    patched = ClinicSettingChecks.AlertEmail(checks, email, field) is { } checkedEmail ? patched with { AlertEmail = checkedEmail } : patched;
                    break;
                case "phone" when value.ValueKind == JsonValueKind.Null:
                    patched = patched with { Phone = null };
                    break;
                case "phone" when Text(checks, field, value) is { } phone:
                    patched = ClinicSettingChecks.Phone(checks, phone, field) is { } checkedPhone ? patched with { Phone = checkedPhone } : patched;
                    break;
                case "clinicid":
                    Unchanged(checks, field, value, current.ClinicId);
                    break;
                case "timezone":
                    Unchanged(checks, field, value, current.TimeZone);
                    break;
                case "name" or "alertemail" or "phone":
                    break;   // not text: Text refused it
                default:
                    checks.Refuse(field, $"'{field}' is not a clinic setting: {Settings}.");
                    break;
            }
        }
        return checks.HasProblems ? (null, checks.Problems) : (patched, []);
    }

    /// <summary>The member's string, or null with a rejection when it is another JSON type.</summary>
    private static string? Text(FieldChecks checks, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        checks.Refuse(field, $"Must be a string, or null to remove the setting; got {JsonTypeMismatch.Kind(value)}.");
        return null;
    }

    private static void Unchanged(FieldChecks checks, string field, JsonElement value, string current) =>
        checks.Refuse(field, value.ValueKind == JsonValueKind.String && value.GetString() == current
            ? null : $"'{field}' cannot be changed: {Settings}.");
}

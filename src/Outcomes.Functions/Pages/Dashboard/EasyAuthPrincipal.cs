using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The signed-in user App Service built-in authentication ("Easy Auth") puts in front of the app: the platform signs
/// the user in (e.g. Microsoft Entra ID) and passes the claims in <c>X-MS-CLIENT-PRINCIPAL</c>, Base64-encoded JSON
/// <c>{auth_typ, claims: [{typ, val}], name_typ, role_typ}</c> (MicrosoftDocs/azure-docs,
/// articles/app-service/configure-authentication-user-identities.md). The platform strips that header from outside
/// requests only when its authentication is on, which it signals with the read-only setting
/// <c>WEBSITE_AUTH_ENABLED</c> (articles/app-service/reference-app-settings.md); without it anyone could send the
/// header, so it is read only when that setting is true.
/// Mapping to a caller: the app role <c>Outcomes.Analyst</c> makes an analyst; the app role
/// <c>Outcomes.Clinic.{clinicId}</c>, or the user's object id in <c>Outcomes:DashboardClinics</c>
/// (<c>objectId=clinicId;…</c>), makes that clinic's staff. A user who maps to two clinics is given neither.
/// </summary>
internal sealed record EasyAuthPrincipal(string? ObjectId, string? Name, IReadOnlyList<string> Roles)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    public const string EnabledSetting = "WEBSITE_AUTH_ENABLED";
    public const string ClinicsSetting = "Outcomes:DashboardClinics";
    public const string AnalystRole = "Outcomes.Analyst";
    public const string ClinicRolePrefix = "Outcomes.Clinic.";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string RoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    private sealed record Claim([property: JsonPropertyName("typ")] string? Type, [property: JsonPropertyName("val")] string? Value);

    private sealed record Payload(
        [property: JsonPropertyName("auth_typ")] string? AuthType,
        [property: JsonPropertyName("claims")] IReadOnlyList<Claim>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType);

    public static bool Enabled(IConfiguration configuration) =>
        configuration[EnabledSetting]?.Trim() is { } value && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>The principal, or null when Easy Auth is not on, the header is absent, or it is not the documented shape.</summary>
    public static EasyAuthPrincipal? From(HttpRequest request, IConfiguration configuration)
    {
        if (!Enabled(configuration) || request.Headers[Header] is not [{ Length: > 0 and <= 32_768 } encoded])
            return null;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            if (payload?.Claims is not { } claims)
                return null;
            string? First(params string?[] types) => claims.FirstOrDefault(c => types.Contains(c.Type, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrEmpty(c.Value))?.Value;
            var roleTypes = new[] { payload.RoleType, "roles", "role", RoleClaim };
            var roles = claims.Where(c => roleTypes.Contains(c.Type, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrEmpty(c.Value)).Select(c => c.Value!).ToList();
            var objectId = First(ObjectIdClaim, "oid") ?? request.Headers["X-MS-CLIENT-PRINCIPAL-ID"].FirstOrDefault();
            return new EasyAuthPrincipal(objectId, First(payload.NameType, "name", "preferred_username") ?? request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].FirstOrDefault(), roles);
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The caller this user is, or null when no role or mapping gives them access (or they map to two clinics).</summary>
    public Caller? ToCaller(IConfiguration configuration)
    {
        var actor = $"easy-auth:{ObjectId ?? Name ?? "unknown"}";
        if (Roles.Contains(AnalystRole, StringComparer.Ordinal))
            return new Caller.Analyst(actor);
        var clinics = Roles.Where(r => r.StartsWith(ClinicRolePrefix, StringComparison.Ordinal) && r.Length > ClinicRolePrefix.Length)
            .Select(r => r[ClinicRolePrefix.Length..]).ToHashSet(StringComparer.Ordinal);
        if (ObjectId is { } objectId && MappedClinic(configuration[ClinicsSetting], objectId) is { } mapped)
            clinics.Add(mapped);
        return clinics.Count == 1 ? new Caller.Clinic(clinics.Single(), actor) : null;
    }

    /// <summary>The clinic <paramref name="objectId"/> is mapped to in <c>objectId=clinicId;…</c>, or null.</summary>
    public static string? MappedClinic(string? setting, string objectId) =>
        (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2 && p[1].Length > 0 && string.Equals(p[0], objectId, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1]).FirstOrDefault();
}

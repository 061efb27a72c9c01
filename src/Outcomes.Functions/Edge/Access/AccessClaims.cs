using System.Security.Claims;

namespace Outcomes.Functions;

/// <summary>
/// How a <see cref="Caller"/> travels as the request's user: one role claim (admin, clinic or analyst), the clinic
/// a clinic caller belongs to, and the key id (or the signed-in account) its actions are audited under. Never a key.
/// </summary>
internal static class AccessClaims
{
    public const string ClinicId = "outcomes:clinic";
    public const string KeyId = "outcomes:key";
    public const string AdminRole = "admin";
    public const string ClinicRole = "clinic";
    public const string AnalystRole = "analyst";

    public static ClaimsPrincipal Principal(Caller caller, string scheme, string? name = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, RoleOf(caller)) };
        if (caller is Caller.Clinic clinic)
            claims.AddRange([new(ClinicId, clinic.ClinicId), new(KeyId, clinic.KeyId)]);
        if (caller is Caller.Analyst analyst)
            claims.Add(new(KeyId, analyst.KeyId));
        if (name is not null)
            claims.Add(new(ClaimTypes.Name, name));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller the user is, or null for an anonymous user or a signed-in account with no role in Outcomes.</summary>
    public static Caller? CallerOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) switch
    {
        AdminRole => Caller.Admin.Instance,
        ClinicRole when user.FindFirstValue(ClinicId) is { } clinicId => new Caller.Clinic(clinicId, user.FindFirstValue(KeyId) ?? ""),
        AnalystRole => new Caller.Analyst(user.FindFirstValue(KeyId) ?? ""),
        _ => null,
    };

    public static string RoleOf(Caller caller) => caller switch
    {
        Caller.Admin => AdminRole,
        Caller.Clinic => ClinicRole,
        _ => AnalystRole,
    };

    public static string[] RolesOf(CallerKinds kinds) =>
        [.. new[] { (CallerKinds.Admin, AdminRole), (CallerKinds.Clinic, ClinicRole), (CallerKinds.Analyst, AnalystRole) }
            .Where(k => kinds.HasFlag(k.Item1)).Select(k => k.Item2)];
}

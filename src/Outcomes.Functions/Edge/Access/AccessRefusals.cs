using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions;

/// <summary>
/// Every "who are you?" (401) and "not you" (403) the app gives, whichever way in was tried: a problem with a
/// <c>WWW-Authenticate: Bearer</c> challenge for API clients; for a browser asking for the dashboard, the sign-in form
/// (303) or a page saying why. A dashboard cookie that no longer opens anything is cleared on the way.
/// </summary>
internal static class AccessRefusals
{
    public static async Task ChallengeAsync(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(DashboardCookie.Name))
            http.Response.Cookies.Delete(DashboardCookie.Name, DashboardCookie.Options(http.Request));
        if (IsDashboardPage(http.Request))
        {
            await DashboardReplies.SeeOther(DashboardReplies.SignInPath).ExecuteAsync(http);
            return;
        }
        var admin = Required(http) == CallerKinds.Admin && !http.RequestServices.GetRequiredService<CallerResolver>().AdminConfigured;
        var keyPresented = CallerResolver.BearerKey(http.Request) is not null;
        var result = admin ? Problems.Unauthenticated("Admin access is not configured on this deployment (setting Outcomes:AdminKey).", keyPresented: false)
            : keyPresented ? Problems.Unauthenticated("The key presented is not valid: it is unknown or has been revoked.", keyPresented: true)
            : Problems.Unauthenticated("This API needs 'Authorization: Bearer <key>'" + (IsDashboard(http.Request) ? ", or a browser signed in at /api/dashboard/sign-in." : "."), keyPresented: false);
        await result.ExecuteAsync(http);
    }

    public static async Task ForbidAsync(HttpContext http)
    {
        var allowed = Required(http)?.ToString().ToLowerInvariant() ?? "other";
        if (Caller.Of(http) is not { } caller)
        {
            var name = http.User.Identity?.Name is { Length: > 0 } n ? $" as {n}" : "";
            var detail = $"You are signed in{name}, but your account has neither the Outcomes.Analyst role nor a clinic. Ask your administrator.";
            await (IsDashboardPage(http.Request)
                ? DashboardReplies.Html(StatusCodes.Status403Forbidden, DashboardReplies.Message("No access to Outcomes", detail))
                : Problems.Forbidden(detail)).ExecuteAsync(http);
            return;
        }
        var kind = AccessClaims.RoleOf(caller);
        var why = $"This route is for {allowed} keys; the key presented is {(kind == AccessClaims.AdminRole || kind == AccessClaims.AnalystRole ? "an" : "a")} {kind} key.";
        await (IsDashboardPage(http.Request)
            ? DashboardReplies.Html(StatusCodes.Status403Forbidden, DashboardReplies.Message("Not for this key", why))
            : Problems.Forbidden(why)).ExecuteAsync(http);
    }

    private static CallerKinds? Required(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<RequiredCaller>()?.Allowed;

    private static bool IsDashboard(HttpRequest request) => request.Path.StartsWithSegments(DashboardReplies.DashboardPath);

    private static bool IsDashboardPage(HttpRequest request) => IsDashboard(request) && DashboardReplies.WantsHtml(request);
}

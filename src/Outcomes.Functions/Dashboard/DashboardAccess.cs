using Outcomes.Storage;

namespace Outcomes.Functions.Dashboard;

/// <summary>How a request came into the dashboard, or why it did not.</summary>
internal abstract record DashboardEntry
{
    private DashboardEntry() { }

    /// <summary>A caller, through <c>Authorization: Bearer</c>, the sign-in cookie (<paramref name="BySession"/>) or Easy Auth.</summary>
    public sealed record SignedIn(Caller Caller, bool BySession) : DashboardEntry;

    /// <summary>No way in at all, or a session cookie that expired or no longer opens (its key was revoked).</summary>
    public sealed record None(bool StaleSession) : DashboardEntry;

    /// <summary>A bearer key that is unknown or revoked.</summary>
    public sealed record BadKey : DashboardEntry;

    /// <summary>Signed in through Easy Auth, but no app role or mapping gives this user a clinic or the analysts' view.</summary>
    public sealed record NoAccess(string? Name) : DashboardEntry;
}

/// <summary>
/// The ways into the dashboard, in order: <c>Authorization: Bearer &lt;key&gt;</c> (scripts and API clients), App Service
/// built-in authentication when it is on (<see cref="EasyAuthPrincipal"/>), then the sign-in cookie
/// (<see cref="DashboardSession"/>). Never a key in a URL.
/// </summary>
internal static class DashboardAccess
{
    public static async Task<DashboardEntry> ResolveAsync(HttpRequest request, CallerResolver callers, IConfiguration configuration,
        ContactCipher cipher, DateTimeOffset now, CancellationToken ct)
    {
        if (request.Headers.Authorization.Count > 0)
            return await callers.ResolveAsync(request, ct) is { } bearer ? new DashboardEntry.SignedIn(bearer, false) : new DashboardEntry.BadKey();
        if (EasyAuthPrincipal.From(request, configuration) is { } principal)
            return principal.ToCaller(configuration) is { } user ? new DashboardEntry.SignedIn(user, false) : new DashboardEntry.NoAccess(principal.Name);
        if (DashboardSession.Present(request))
            return DashboardSession.Key(request, cipher, now) is { } key && await callers.ResolveKeyAsync(key, ct) is { } session
                ? new DashboardEntry.SignedIn(session, true)
                : new DashboardEntry.None(StaleSession: true);
        return new DashboardEntry.None(StaleSession: false);
    }

    /// <summary>Whether the caller is a browser wanting a page (then: redirects and HTML), rather than an API client (problem+json).</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}

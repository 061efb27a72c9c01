using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outcomes.Storage;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The dashboard's sign-in cookie for key holders (a browser cannot send <c>Authorization: Bearer</c> by itself, and a
/// key must never travel in a URL): ASP.NET Core's cookie authentication, sealed with Data Protection under the app's
/// shared key ring (<see cref="ISecretKeyRing"/>), so any instance of a scaled-out app accepts it. It holds the caller's
/// role, clinic and key id, never the key, for 8 hours from sign-in; each request checks the key is still active, so
/// revoking it ends every session made with it. <c>HttpOnly</c>, <c>SameSite=Strict</c>, <c>Path=/api/dashboard</c>,
/// and <c>Secure</c> except for plain http to this machine (<c>http://localhost</c>), where there is no TLS to require.
/// </summary>
internal static class DashboardCookie
{
    public const string Scheme = "DashboardCookie";
    public const string Name = "outcomes_dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = Name;
        options.Cookie.Path = DashboardReplies.DashboardPath;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.IsEssential = true;
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = false;
        options.Events.OnSigningIn = context => Secure(context.Request, context.CookieOptions);
        options.Events.OnSigningOut = context => Secure(context.Request, context.CookieOptions);
        options.Events.OnRedirectToLogin = context => AccessRefusals.ChallengeAsync(context.HttpContext);
        options.Events.OnRedirectToAccessDenied = context => AccessRefusals.ForbidAsync(context.HttpContext);
        options.Events.OnValidatePrincipal = async context =>
        {
            var keyId = context.Principal?.FindFirst(AccessClaims.KeyId)?.Value;
            var keys = context.HttpContext.RequestServices.GetRequiredService<IAccessKeyStore>();
            if (keyId is null || await keys.FindAsync(keyId, context.HttpContext.RequestAborted) is not { IsRevoked: false })
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }

    /// <summary>The cookie's attributes for this request, to delete it with.</summary>
    public static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Path = DashboardReplies.DashboardPath, Secure = !IsLocalHttp(request), IsEssential = true,
    };

    private static Task Secure(HttpRequest request, CookieOptions options)
    {
        options.Secure = !IsLocalHttp(request);
        return Task.CompletedTask;
    }

    /// <summary>
    /// True for plain http to this machine by name or loopback address (the local host), the one case where the cookie
    /// may go without <c>Secure</c>. The Host header decides, as the browser saw it: behind the Functions host in Azure
    /// the handler itself is called over loopback http, but the Host is the app's public name, so the cookie is Secure.
    /// </summary>
    public static bool IsLocalHttp(HttpRequest request)
    {
        var scheme = request.Headers["X-Forwarded-Proto"].FirstOrDefault() ?? request.Scheme;
        if (!string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase))
            return false;
        var host = request.Host.Host;
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Outcomes.Storage;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The dashboard's sign-in cookie for key holders (a browser cannot send <c>Authorization: Bearer</c> by itself, and a
/// key must never travel in a URL). The cookie holds the clinic's or analyst's key sealed (AES-256-GCM under the
/// personal-data keys, <see cref="ContactCipher"/>) together with an expiry 8 hours after sign-in and a purpose tag,
/// so the browser never stores the key in clear, a changed cookie is rejected, and nothing else sealed under those keys
/// (a queued answer) passes for a session. No server-side session store is needed, so any instance of a scaled-out
/// app accepts it; each request resolves the key again (<see cref="CallerResolver"/>), so revoking the key ends every
/// session made with it at once. <c>HttpOnly</c> (no script reads it; the page has none anyway), <c>SameSite=Strict</c>
/// (never sent from another site's page or form), <c>Path=/api/dashboard</c> (only the dashboard's routes see it), and
/// <c>Secure</c> except for plain http to this machine (<c>http://localhost</c>), where there is no TLS to require.
/// </summary>
internal static class DashboardSession
{
    public const string CookieName = "outcomes_dashboard";
    public const string CookiePath = "/api/dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const string Purpose = "outcomes-dashboard-session";

    private sealed record Sealed(string Purpose, string Key, long ExpiresAt);

    /// <summary>Sets the cookie holding <paramref name="key"/>, sealed, valid for <see cref="Lifetime"/> from <paramref name="now"/>.</summary>
    public static void SignIn(HttpContext http, string key, ContactCipher cipher, DateTimeOffset now)
    {
        var expires = now + Lifetime;
        var value = cipher.Seal(JsonSerializer.SerializeToUtf8Bytes(new Sealed(Purpose, key, expires.ToUnixTimeSeconds())));
        http.Response.Cookies.Append(CookieName, value, Options(http.Request, expires));
    }

    public static void SignOut(HttpContext http) =>
        http.Response.Cookies.Delete(CookieName, Options(http.Request, expires: null));

    /// <summary>Whether the request carries the cookie at all (valid or not).</summary>
    public static bool Present(HttpRequest request) => request.Cookies.ContainsKey(CookieName);

    /// <summary>The key the cookie holds, or null when there is none, it was changed, sealed under a key no longer configured, or has expired.</summary>
    public static string? Key(HttpRequest request, ContactCipher cipher, DateTimeOffset now)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value) || value.Length > 2048)
            return null;
        try
        {
            var session = JsonSerializer.Deserialize<Sealed>(cipher.Unseal(value));
            return session is { Purpose: Purpose, Key.Length: > 0 } && DateTimeOffset.FromUnixTimeSeconds(session.ExpiresAt) > now ? session.Key : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or ArgumentException)
        {
            return null;
        }
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

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Secure = !IsLocalHttp(request),
        Expires = expires,
        IsEssential = true,
    };
}

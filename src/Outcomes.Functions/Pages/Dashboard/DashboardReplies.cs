using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The dashboard's HTML answers (the dashboard, its sign-in form, its refusals) and the headers each carries: like the
/// patient pages' (<see cref="SurveyPageReplies.Headers"/>), no script and nothing from elsewhere, plus <c>img-src data:</c>
/// for inline images, never cached and never framed.
/// </summary>
internal static class DashboardReplies
{
    public const string DashboardPath = "/api/dashboard";
    public const string SignInPath = "/api/dashboard/sign-in";
    public const string SignOutPath = "/api/dashboard/sign-out";

    /// <summary>Where App Service built-in authentication signs a user in (Microsoft Entra ID) and returns them to the dashboard.</summary>
    public const string EasyAuthLoginPath = "/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fdashboard";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Content-Type"] = "text/html; charset=utf-8",
        ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ["Cache-Control"] = "no-store",
        ["Referrer-Policy"] = "same-origin",
        ["X-Content-Type-Options"] = "nosniff",
    };

    public static IResult Html(int status, string html) => new HtmlResult(status, html, null);

    /// <summary>Whether the caller is a browser wanting a page (then: redirects and HTML), rather than an API client (problem+json).</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>303 See Other to <paramref name="location"/> (a path on this app), so the browser follows with a GET.</summary>
    public static IResult SeeOther(string location) => new HtmlResult(StatusCodes.Status303SeeOther, "", location);

    /// <summary>The sign-in form; with an error (a wrong key), shown above the form and tied to the field.</summary>
    public static string SignInForm(string? error = null, bool easyAuth = false) => Document("Sign in: Outcomes dashboard", $"""
        <h1>Sign in to the Outcomes dashboard</h1>
        {(error is null ? "" : $"""<div class="error" role="alert" id="key-error"><p><strong>{Text(error)}</strong></p></div>""")}
        <form method="post" action="{SignInPath}">
        <label for="key">Clinic or analyst key</label>
        <p class="hint" id="key-hint">The key your administrator gave you (it starts with oc_). This browser keeps it, sealed, in a cookie for this dashboard for 8 hours; it never appears in an address.</p>
        <input type="password" id="key" name="key" autocomplete="current-password" spellcheck="false" aria-describedby="{(error is null ? "key-hint" : "key-error key-hint")}"{(error is null ? "" : " aria-invalid=\"true\"")} />
        <button type="submit">Sign in</button>
        </form>
        {(easyAuth ? $"""<p class="alt"><a href="{Text(EasyAuthLoginPath)}">Sign in with your organisation account instead</a></p>""" : "")}
        """);

    /// <summary>A page saying why the dashboard cannot be shown, with the way back.</summary>
    public static string Message(string title, string detail, bool signInLink = true) => Document($"{title}: Outcomes dashboard", $"""
        <h1>{Text(title)}</h1>
        <p>{Text(detail)}</p>
        {(signInLink ? $"""<p><a href="{SignInPath}">Sign in with another key</a></p>""" : "")}
        """);

    private static string Document(string title, string body) => HtmlDocument.Render("en", title, Styles, body);

    private const string Styles = """

        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 1.05rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
        main { max-width: 32rem; margin: 3rem auto; padding: 0 1rem; }
        h1 { font-size: 1.5rem; color: #0b3d73; }
        label { display: block; font-weight: 600; margin-top: 1rem; }
        .hint { color: #4a4a4a; font-size: 0.95rem; margin: 0.25rem 0 0.5rem; }
        input { font: inherit; width: 100%; min-height: 2.75rem; padding: 0.4rem 0.6rem; border: 2px solid #4a4a4a; border-radius: 0.4rem; }
        input[aria-invalid=true] { border-color: #b00020; }
        button { font: inherit; margin-top: 1rem; min-height: 2.75rem; padding: 0.4rem 1.5rem; border: 0; border-radius: 0.4rem; background: #0b3d73; color: #ffffff; cursor: pointer; }
        .error { border-left: 4px solid #b00020; padding: 0.25rem 0.75rem; background: #fdecee; }
        a { color: #0b4f9c; }
        :focus-visible { outline: 3px solid #b35c00; outline-offset: 3px; }

        """;

    private sealed class HtmlResult(int status, string html, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            foreach (var (name, value) in Headers)
                http.Response.Headers[name] = value;
            if (location is not null)
                http.Response.Headers.Location = location;
            if (html.Length > 0)
                await http.Response.WriteAsync(html);
        }
    }
}

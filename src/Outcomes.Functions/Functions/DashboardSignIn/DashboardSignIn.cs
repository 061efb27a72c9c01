using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard/sign-in shows the sign-in form (a password field for the clinic's or analyst's key); POST checks
/// the key like any bearer key, then signs the browser in with the dashboard's cookie (<see cref="DashboardCookie"/>)
/// and sends it on to the dashboard (303). A wrong key gets the form again with the error (401); the key is never echoed.
/// A post from another site's page is refused (<see cref="SameOrigin"/>): nobody can sign a browser in to their key.
/// </summary>
public static class DashboardSignIn
{
    public const string Route = DashboardReplies.SignInPath;
    private const int MaxFormBytes = 4096;

    public static void Map(IEndpointRouteBuilder app) => app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Post], Handle).WithName(nameof(DashboardSignIn))
        .RequireSameOrigin().Accepts<SignInForm>("application/x-www-form-urlencoded")
        .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status303SeeOther)
        .Produces(StatusCodes.Status401Unauthorized, contentType: "text/html");

    /// <summary>The form's one field, as the OpenAPI document shows it.</summary>
    public sealed record SignInForm(string Key);

    internal static async Task<IResult> Handle(HttpContext http, CallerResolver callers, IConfiguration configuration, CancellationToken ct)
    {
        var easyAuth = Dashboard.EasyAuthPrincipal.Enabled(configuration);
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
            return DashboardReplies.Html(StatusCodes.Status200OK, DashboardReplies.SignInForm(easyAuth: easyAuth));
        var (bytes, tooLarge) = await RequestBody.ReadAsync(request, MaxFormBytes, ct);
        if (tooLarge is not null)
            return DashboardReplies.Html(StatusCodes.Status413PayloadTooLarge, DashboardReplies.SignInForm("That is far longer than a key.", easyAuth));
        var key = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes)).TryGetValue("key", out var values) ? values.ToString().Trim() : "";
        if (key.Length == 0)
            return DashboardReplies.Html(StatusCodes.Status401Unauthorized, DashboardReplies.SignInForm("Enter your clinic or analyst key.", easyAuth));
        switch (await callers.ResolveKeyAsync(key, ct))
        {
            case null:
                return DashboardReplies.Html(StatusCodes.Status401Unauthorized, DashboardReplies.SignInForm("That key is not valid: it is unknown or has been revoked.", easyAuth));
            case Caller.Admin:
                return DashboardReplies.Html(StatusCodes.Status403Forbidden, DashboardReplies.SignInForm("The admin key does not open the dashboard: use a clinic or analyst key.", easyAuth));
            case var caller:
                await http.SignInAsync(DashboardCookie.Scheme, AccessClaims.Principal(caller, DashboardCookie.Scheme),
                    new AuthenticationProperties { IsPersistent = true });
                return DashboardReplies.SeeOther(DashboardReplies.DashboardPath);
        }
    }
}

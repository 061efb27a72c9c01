using Outcomes.Functions.Dashboard;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard/sign-in shows the sign-in form (a password field for the clinic's or analyst's key); POST checks
/// the key like any bearer key, then sets the sealed session cookie (<see cref="DashboardSession"/>) and sends the
/// browser on to the dashboard (303). A wrong key gets the form again with the error (401); the key is never echoed.
/// </summary>
public static class DashboardSignIn
{
    public const string Route = DashboardReplies.SignInPath;
    private const int MaxFormBytes = 4096;

    public static void Map(IEndpointRouteBuilder app) => app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Post], Handle).WithName(nameof(DashboardSignIn))
        .Accepts<IFormCollection>("application/x-www-form-urlencoded")
        .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status303SeeOther)
        .Produces(StatusCodes.Status401Unauthorized, contentType: "text/html");

    internal static async Task<IResult> Handle(HttpContext http, CallerResolver callers, IConfiguration configuration, ContactCipher cipher, TimeProvider clock, CancellationToken ct)
    {
        var easyAuth = EasyAuthPrincipal.Enabled(configuration);
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
            return DashboardReplies.Html(StatusCodes.Status200OK, DashboardReplies.SignInForm(easyAuth: easyAuth));
        if (request.ContentLength is > MaxFormBytes)
            return DashboardReplies.Html(StatusCodes.Status413PayloadTooLarge, DashboardReplies.SignInForm("That is far longer than a key.", easyAuth));
        var key = request.HasFormContentType ? (await request.ReadFormAsync(ct))["key"].ToString().Trim() : "";
        if (key.Length == 0)
            return DashboardReplies.Html(StatusCodes.Status401Unauthorized, DashboardReplies.SignInForm("Enter your clinic or analyst key.", easyAuth));
        switch (await callers.ResolveKeyAsync(key, ct))
        {
            case null:
                return DashboardReplies.Html(StatusCodes.Status401Unauthorized, DashboardReplies.SignInForm("That key is not valid: it is unknown or has been revoked.", easyAuth));
            case Caller.Admin:
                return DashboardReplies.Html(StatusCodes.Status403Forbidden, DashboardReplies.SignInForm("The admin key does not open the dashboard: use a clinic or analyst key.", easyAuth));
            default:
                DashboardSession.SignIn(http, key, cipher, clock.GetUtcNow());
                return DashboardReplies.SeeOther(DashboardReplies.DashboardPath);
        }
    }
}

using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions;

/// <summary>POST /api/dashboard/sign-out: clears the dashboard's session cookie and sends the browser to the sign-in form (303).</summary>
public static class DashboardSignOut
{
    public const string Route = DashboardReplies.SignOutPath;

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(DashboardSignOut))
        .Produces(StatusCodes.Status303SeeOther);

    internal static IResult Handle(HttpContext http)
    {
        DashboardSession.SignOut(http);
        return DashboardReplies.SeeOther(DashboardReplies.SignInPath);
    }
}

using Microsoft.AspNetCore.Authentication;
using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions;

/// <summary>POST /api/dashboard/sign-out: clears the dashboard's session cookie and sends the browser to the sign-in form (303).</summary>
public static class DashboardSignOut
{
    public const string Route = DashboardReplies.SignOutPath;

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, (Delegate)Handle).WithName(nameof(DashboardSignOut))
        .RequireSameOrigin().Produces(StatusCodes.Status303SeeOther);

    internal static async Task<IResult> Handle(HttpContext http)
    {
        await http.SignOutAsync(DashboardCookie.Scheme);
        return DashboardReplies.SeeOther(DashboardReplies.SignInPath);
    }
}

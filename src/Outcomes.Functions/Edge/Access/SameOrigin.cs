using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions;

/// <summary>
/// Refuses a browser form post sent from another site's page (cross-site request forgery, login CSRF): one the browser
/// marks with <c>Sec-Fetch-Site</c> other than <c>same-origin</c> (or <c>none</c>, typed by the user), or, from a browser
/// that sends no fetch metadata, whose <c>Origin</c> is neither this request's host nor the app's public address. A post
/// with neither header (a mail provider's RFC 8058 one-click unsubscribe, a script) is let through: browsers send
/// <c>Origin</c> with every cross-site post, so such a post is not a forged one. Pages send <c>Referrer-Policy:
/// same-origin</c>, so a browser's <c>Origin</c> on their own forms is the page's, not <c>null</c>.
/// </summary>
internal static class SameOrigin
{
    public static TBuilder RequireSameOrigin<TBuilder>(this TBuilder route) where TBuilder : IEndpointConventionBuilder =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || IsSameOrigin(http.Request, http.RequestServices.GetRequiredService<IConfiguration>()))
                return await next(context);
            const string title = "This form was sent from another site";
            const string detail = "For your safety, forms are taken only from this site's own pages. Go back to the page and send the form there.";
            return http.Request.HasJsonContentType()
                ? Problems.Refused(StatusCodes.Status403Forbidden, new Outcomes.Domain.Rejection("cross-site", title, detail))
                : DashboardReplies.Html(StatusCodes.Status403Forbidden, DashboardReplies.Message(title, detail, signInLink: false));
        });

    public static bool IsSameOrigin(HttpRequest request, IConfiguration configuration)
    {
        // Fetch metadata, where the browser sends it, says it outright, even when the page's referrer policy hides the origin.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
            return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from))
            return false;
        if (string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            return true;
        return Uri.TryCreate(configuration[SurveyLinks.PublicBaseUrlSetting], UriKind.Absolute, out var publicBase)
            && string.Equals(from.GetLeftPart(UriPartial.Authority), publicBase.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}

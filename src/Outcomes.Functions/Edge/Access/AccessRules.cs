using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Outcomes.Functions.Dashboard;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// The one way in: ASP.NET Core authentication, choosing per request among the bearer keys
/// (<see cref="ApiKeyAuthentication"/>), App Service authentication (<see cref="AppServiceAuthentication"/>) and the
/// dashboard's cookie (<see cref="DashboardCookie"/>); and authorization, one policy per set of callers a route group
/// lets in. No or a bad key is 401, a valid key of the wrong kind 403 (<see cref="AccessRefusals"/>); clinic-owned
/// resources of another clinic are the handler's 404 (<see cref="Caller.Clinic.OwnOrNull{T}"/>), never a 403.
/// </summary>
public static class AccessRules
{
    public const string Scheme = "Outcomes";
    public const string ApiKeyScheme = "ApiKey";
    public const string AppServiceScheme = "AppService";

    /// <summary>Data Protection's hosted service that loads the key ring at start (internal to the framework).</summary>
    internal const string KeyRingWarmUp = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public static IServiceCollection AddOutcomesAccess(this IServiceCollection services)
    {
        services.AddScoped<CallerResolver>();
        services.AddDataProtection().SetApplicationName("Outcomes");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new KeyRingRepository(provider.GetRequiredService<ISecretKeyRing>())));
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Outcomes", o => o.ForwardDefaultSelector = WayIn)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyScheme, null)
            .AddScheme<AuthenticationSchemeOptions, AppServiceAuthentication>(AppServiceScheme, null)
            .AddCookie(DashboardCookie.Scheme, DashboardCookie.Configure);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var kinds in new[] { CallerKinds.Admin, CallerKinds.Clinic, CallerKinds.Admin | CallerKinds.Clinic, CallerKinds.Clinic | CallerKinds.Analyst })
            authorization.AddPolicy(PolicyName(kinds), p => p.RequireRole(AccessClaims.RolesOf(kinds)));
        // Data Protection (added again by authentication) reads the key ring from storage while the host starts, only to
        // have it ready: the dashboard's cookie, the one thing that needs it, reads it on first use instead.
        foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == KeyRingWarmUp).ToList())
            services.Remove(warmUp);
        return services;
    }

    /// <summary>A key in the Authorization header wins; then App Service's user, when its authentication is on; then the cookie.</summary>
    private static string WayIn(HttpContext http)
    {
        if (http.Request.Headers.Authorization.Count > 0)
            return ApiKeyScheme;
        if (EasyAuthPrincipal.Enabled(http.RequestServices.GetRequiredService<IConfiguration>()) && http.Request.Headers.ContainsKey(EasyAuthPrincipal.Header))
            return AppServiceScheme;
        return http.Request.Cookies.ContainsKey(DashboardCookie.Name) ? DashboardCookie.Scheme : ApiKeyScheme;
    }

    /// <summary>Lets in only <paramref name="allowed"/> callers, and says so in the OpenAPI document (bearer, 401, 403).</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder routes, CallerKinds allowed) where TBuilder : IEndpointConventionBuilder => routes
        .RequireAuthorization(PolicyName(allowed))
        .WithMetadata(new RequiredCaller(allowed))
        .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]))
        .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));

    private static string PolicyName(CallerKinds kinds) => $"callers:{kinds}";
}

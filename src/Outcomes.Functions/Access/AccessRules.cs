namespace Outcomes.Functions;

/// <summary>
/// Route conventions that let in only some callers: no or a bad key is 401 (with <c>WWW-Authenticate: Bearer</c>),
/// a valid key of the wrong kind is 403. Clinic-owned resources of another clinic are the handler's 404
/// (<see cref="Caller.Clinic.OwnOrNull{T}"/>), never a 403.
/// </summary>
public static class AccessRules
{
    public static IServiceCollection AddOutcomesAccess(this IServiceCollection services) =>
        services.AddScoped<CallerResolver>();

    public static RouteHandlerBuilder RequireAdmin(this RouteHandlerBuilder route) => route.RequireCaller(CallerKinds.Admin);

    public static RouteHandlerBuilder RequireClinic(this RouteHandlerBuilder route) => route.RequireCaller(CallerKinds.Clinic);

    public static RouteHandlerBuilder RequireCaller(this RouteHandlerBuilder route, CallerKinds allowed) => route
        .WithMetadata(new RequiredCaller(allowed))
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var resolver = http.RequestServices.GetRequiredService<CallerResolver>();
            if (allowed == CallerKinds.Admin && !resolver.AdminConfigured)
                return Problems.Unauthenticated("Admin access is not configured on this deployment (setting Outcomes:AdminKey).", keyPresented: false);
            if (await resolver.ResolveAsync(http.Request, http.RequestAborted) is not { } caller)
                return CallerResolver.BearerKey(http.Request) is null
                    ? Problems.Unauthenticated("This API needs 'Authorization: Bearer <key>'.", keyPresented: false)
                    : Problems.Unauthenticated("The key presented is not valid: it is unknown or has been revoked.", keyPresented: true);
            if (!allowed.HasFlag(KindOf(caller)))
                return Problems.Forbidden($"This route is for {allowed.ToString().ToLowerInvariant()} keys; the key presented is a {KindOf(caller).ToString().ToLowerInvariant()} key.");
            Caller.Remember(http, caller);
            return await next(context);
        });

    private static CallerKinds KindOf(Caller caller) => caller switch
    {
        Caller.Admin => CallerKinds.Admin,
        Caller.Clinic => CallerKinds.Clinic,
        _ => CallerKinds.Analyst,
    };
}

using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.Http;

/// <summary>
/// Maps each httpTrigger function at /{routePrefix}/{route} (route defaults to the function name) for its methods (all when
/// function.json names none); Functions route templates are ASP.NET Core route templates.
/// Auth levels (function, admin) are not enforced locally, as Core Tools does not enforce them either: no keys are needed.
/// </summary>
internal static class FunctionRoutes
{
    public static void Map(IEndpointRouteBuilder app, IEnumerable<FunctionDefinition> functions, string routePrefix)
    {
        foreach (var function in functions.Where(f => f.Kind is FunctionKind.ProxiedHttp or FunctionKind.WrappedHttp))
        {
            var route = function.Trigger.Get("route") ?? function.Name;
            var pattern = "/" + string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(p => p.Length > 0));
            var methods = (function.Trigger.Properties["methods"] as System.Text.Json.Nodes.JsonArray)?
                .Select(m => m!.ToString().ToUpperInvariant()).ToArray();
            RequestDelegate handle = function.Kind == FunctionKind.ProxiedHttp
                ? context => context.RequestServices.GetRequiredService<HttpProxy>().ForwardAsync(context, function)
                : context => InvokeWrappedAsync(context, function);
            var endpoint = methods is { Length: > 0 } ? app.MapMethods(pattern, methods, handle) : app.Map(pattern, handle);
            endpoint.WithDisplayName($"Functions.{function.Name}");
        }
    }

    private static async Task InvokeWrappedAsync(HttpContext context, FunctionDefinition function)
    {
        var services = context.RequestServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var (data, metadata) = await WrappedHttpInvocation.BuildAsync(context, function, clock);
        var result = await services.GetRequiredService<IFunctionInvoker>().InvokeAsync(
            function, data, metadata, "This function was programmatically called via the host APIs.", context.RequestAborted);
        if (result.Succeeded)
            await WrappedHttpInvocation.WriteResponseAsync(context, function, result.Outputs);
        else
            await Problems.InvocationFailed(function.Name, result.InvocationId).ExecuteAsync(context);
    }
}

namespace Outcomes.LocalHost.Http;

/// <summary>
/// The app's health route (<c>GET /api/health</c>) as the local host answers it while one of its trigger loops is not
/// running: 503 naming the loops, whatever the handler would say, since the app cannot take messages or run its timer
/// then. Otherwise the handler answers.
/// </summary>
internal static class TriggerHealthCheck
{
    public static Func<HttpContext, RequestDelegate, Task> For(string healthPath, TriggerHealth health) => async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals(healthPath, StringComparison.OrdinalIgnoreCase)
            && health.NotRunning is { Count: > 0 } down)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "A trigger of the local host is not running.",
                detail: string.Join("; ", down.Select(d => $"the {d.Key}: {d.Value}")) + ". It is being started again.").ExecuteAsync(context);
            return;
        }
        await next(context);
    };
}

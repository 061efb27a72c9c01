namespace Outcomes.Functions;

/// <summary>
/// Headers every answer carries unless its endpoint says otherwise: not stored by caches (answers hold patients' data
/// and keys' results) and not sniffed for another content type. Set before the endpoint runs, so a wrapped call's
/// captured answer has them, and again as the answer starts, for one the exception handler wrote after clearing them.
/// </summary>
internal static class ResponseDefaults
{
    public static IApplicationBuilder UseResponseDefaults(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        Apply(http.Response.Headers);
        http.Response.OnStarting(() =>
        {
            Apply(http.Response.Headers);
            return Task.CompletedTask;
        });
        await next(http);
    });

    private static void Apply(IHeaderDictionary headers)
    {
        headers.TryAdd("Cache-Control", "no-store");
        headers.TryAdd("X-Content-Type-Options", "nosniff");
    }
}

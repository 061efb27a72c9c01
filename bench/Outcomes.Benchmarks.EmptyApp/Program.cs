// An empty ASP.NET Core app listening where the Functions host tells a custom handler to listen.
var builder = WebApplication.CreateBuilder(args);
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { } port)
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
app.MapGet("/api/health", () => "ok");
app.Run();

using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Timers;

namespace Outcomes.LocalHost.Tests;

public sealed class FunctionCatalogTests : IDisposable
{
    private readonly TempAppRoot root = new TempAppRoot()
        .WithFunction("Health", """
            { "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": ["get"], "route": "health" },
              { "type": "http", "direction": "out", "name": "res" } ] }
            """)
        .WithFunction("SubmitSurveyResponse", """
            { "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["post"], "route": "surveys/{token}" },
              { "type": "http", "direction": "out", "name": "res" },
              { "type": "serviceBus", "direction": "out", "name": "response", "queueName": "survey-responses", "connection": "ServiceBusConnection" } ] }
            """)
        .WithFunction("SendFollowUpSurveys", """
            { "bindings": [
              { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "%SurveySchedule%" },
              { "type": "serviceBus", "direction": "out", "name": "invitations", "queueName": "survey-invitations", "connection": "ServiceBusConnection" } ] }
            """)
        .WithFunction("RecordSurveyResponse", """
            { "bindings": [
              { "type": "serviceBusTrigger", "direction": "in", "name": "response", "queueName": "survey-responses", "connection": "ServiceBusConnection" } ] }
            """);

    private static readonly AppSettings Settings = Functions.Settings(("SurveySchedule", "0 */5 * * * *"), ("ServiceBusConnection", ""));

    public void Dispose() => root.Dispose();

    [Fact]
    public void Each_function_is_named_after_its_folder()
    {
        var functions = FunctionCatalog.Load(root.Path, Settings, enableProxyingHttpRequest: true);

        Assert.Equal(["Health", "RecordSurveyResponse", "SendFollowUpSurveys", "SubmitSurveyResponse"], functions.Select(f => f.Name).Order());
    }

    [Fact]
    public void Bindings_keep_their_types_names_and_directions()
    {
        var submit = FunctionCatalog.Load(root.Path, Settings, true).Single(f => f.Name == "SubmitSurveyResponse");

        Assert.Equal(["httpTrigger", "http", "serviceBus"], submit.Bindings.Select(b => b.Type));
        Assert.Equal("req", submit.Trigger.Name);
        Assert.Equal("res", submit.HttpOutput?.Name);
        Assert.Equal("survey-responses", submit.Outputs.Single(o => o.Type == "serviceBus").Get("queueName"));
    }

    [Fact]
    public void Only_an_http_function_with_no_other_output_is_proxied()
    {
        var kinds = FunctionCatalog.Load(root.Path, Settings, true).ToDictionary(f => f.Name, f => f.Kind);

        Assert.Equal(FunctionKind.ProxiedHttp, kinds["Health"]);
        Assert.Equal(FunctionKind.WrappedHttp, kinds["SubmitSurveyResponse"]);
        Assert.Equal(FunctionKind.Timer, kinds["SendFollowUpSurveys"]);
        Assert.Equal(FunctionKind.ServiceBus, kinds["RecordSurveyResponse"]);
    }

    [Fact]
    public void Without_proxying_every_http_function_is_wrapped()
    {
        var health = FunctionCatalog.Load(root.Path, Settings, enableProxyingHttpRequest: false).Single(f => f.Name == "Health");

        Assert.Equal(FunctionKind.WrappedHttp, health.Kind);
    }

    [Fact]
    public void The_survey_schedule_setting_feeds_the_timer_schedule()
    {
        var timer = FunctionCatalog.Load(root.Path, Settings, true).Single(f => f.Name == "SendFollowUpSurveys");
        var schedule = CronSchedule.Parse(timer.Trigger.Get("schedule")!);

        Assert.Equal("0 */5 * * * *", schedule.Expression);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 25, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 3, 1, 10, 20, 30, TimeSpan.Zero)));
    }

    [Fact]
    public void A_missing_schedule_setting_is_an_error_naming_function_binding_and_setting()
    {
        var error = Assert.Throws<HostConfigurationException>(() => FunctionCatalog.Load(root.Path, Functions.Settings(), true));

        Assert.Contains("'SendFollowUpSurveys'", error.Message);
        Assert.Contains("'timer'", error.Message);
        Assert.Contains("'SurveySchedule'", error.Message);
    }

    [Fact]
    public void An_invalid_schedule_is_an_error_naming_the_function()
    {
        var error = Assert.Throws<HostConfigurationException>(() =>
            FunctionCatalog.Load(root.Path, Functions.Settings(("SurveySchedule", "hourly")), true));

        Assert.Contains("'SendFollowUpSurveys'", error.Message);
        Assert.Contains("hourly", error.Message);
    }

    [Theory]
    [InlineData("admin/dead-letters")]
    [InlineData("Administration")]
    public void An_http_route_under_admin_is_refused_as_the_functions_host_refuses_it(string route)
    {
        root.WithFunction("ListDeadLetters", $$"""
            { "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["get"], "route": "{{route}}" },
              { "type": "http", "direction": "out", "name": "res" } ] }
            """);

        var error = Assert.Throws<HostConfigurationException>(() => FunctionCatalog.Load(root.Path, Settings, true));

        Assert.Contains("'ListDeadLetters'", error.Message);
        Assert.Contains("built in routes", error.Message);
    }

    [Fact]
    public void An_unsupported_binding_type_is_an_error_naming_it()
    {
        root.WithFunction("ExportReports", """
            { "bindings": [
              { "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "exports" } ] }
            """);

        var error = Assert.Throws<HostConfigurationException>(() => FunctionCatalog.Load(root.Path, Settings, true));

        Assert.Contains("'ExportReports'", error.Message);
        Assert.Contains("'queueTrigger'", error.Message);
    }

    [Fact]
    public void A_host_json_names_the_handler_and_its_http_and_service_bus_settings()
    {
        root.WithHostJson("""
            { "version": "2.0",
              "customHandler": { "description": { "defaultExecutablePath": "Outcomes.Functions", "workingDirectory": "", "arguments": ["--schedule=%SurveySchedule%"] },
                                 "enableForwardingHttpRequest": true },
              "extensions": { "serviceBus": { "maxConcurrentCalls": 4 } },
              "functionTimeout": "00:05:00" }
            """);

        var host = HostJson.Load(root.Path, Settings);

        Assert.Equal("Outcomes.Functions", host.DefaultExecutablePath);
        Assert.Equal(["--schedule=0 */5 * * * *"], host.Arguments);
        Assert.True(host.EnableProxyingHttpRequest);
        Assert.Equal("api", host.RoutePrefix);
        Assert.Equal(4, host.MaxConcurrentCalls);
        Assert.Equal(TimeSpan.FromMinutes(6), host.InvocationTimeout);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Http;

namespace Outcomes.LocalHost.Tests;

public class WrappedHttpInvocationTests
{
    private const string Answer = """{"pain":3,"medication":"paracetamol"}""";
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static readonly FunctionDefinition SubmitSurveyResponse = Functions.Define("SubmitSurveyResponse", FunctionKind.WrappedHttp,
        Functions.Binding("httpTrigger", "in", "req", ("route", "surveys/{token}")),
        Functions.Binding("http", "out", "res"),
        Functions.Binding("serviceBus", "out", "response", ("queueName", "survey-responses")));

    private static DefaultHttpContext SurveyPost()
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "http";
        request.Host = new HostString("localhost", 7071);
        request.Path = "/api/surveys/tok-123";
        request.QueryString = new QueryString("?lang=nl&lang=en&source=sms");
        request.Headers.ContentType = "application/json";
        request.Headers.Append("X-Clinic", new[] { "north", "south" });
        request.RouteValues["token"] = "tok-123";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Answer));
        return context;
    }

    [Fact]
    public async Task The_request_goes_under_the_trigger_name_with_url_method_query_headers_params_and_body()
    {
        var (data, _) = await WrappedHttpInvocation.BuildAsync(SurveyPost(), SubmitSurveyResponse, Clock);

        var req = data["req"]!;
        Assert.Equal("http://localhost:7071/api/surveys/tok-123?lang=nl&lang=en&source=sms", req["Url"]!.GetValue<string>());
        Assert.Equal("POST", req["Method"]!.GetValue<string>());
        var query = JsonNode.Parse(req["Query"]!.GetValue<string>())!;   // a JSON string holding the query object
        Assert.Equal("nl,en", query["lang"]!.GetValue<string>());
        Assert.Equal("sms", query["source"]!.GetValue<string>());
        Assert.Equal(["north", "south"], req["Headers"]!["X-Clinic"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["application/json"], req["Headers"]!["Content-Type"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("tok-123", req["Params"]!["token"]!.GetValue<string>());
        Assert.Equal(Answer, req["Body"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_metadata_carries_route_values_query_headers_and_sys()
    {
        var (_, metadata) = await WrappedHttpInvocation.BuildAsync(SurveyPost(), SubmitSurveyResponse, Clock);

        Assert.Equal("tok-123", metadata["token"]!.GetValue<string>());
        Assert.Equal("sms", metadata["Query"]!["source"]!.GetValue<string>());
        Assert.Equal("north,south", metadata["Headers"]!["X-Clinic"]!.GetValue<string>());
        Assert.Equal("SubmitSurveyResponse", metadata["sys"]!["MethodName"]!.GetValue<string>());
        Assert.Equal(Clock.Now.UtcDateTime, metadata["sys"]!["UtcNow"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task The_http_output_becomes_the_response_status_headers_and_body()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var outputs = new JsonObject
        {
            ["res"] = new JsonObject
            {
                ["statusCode"] = "202",
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                ["body"] = new JsonObject { ["accepted"] = true },
            },
        };

        await WrappedHttpInvocation.WriteResponseAsync(context, SubmitSurveyResponse, outputs);

        Assert.Equal(202, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.Headers.ContentType.ToString());
        Assert.Equal("""{"accepted":true}""", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}

using System.Diagnostics;

namespace Outcomes.Functions.Tests;

public sealed class PersonalDataFilterTests : IDisposable
{
    private readonly ActivitySource source = new("Outcomes.Tests." + Guid.NewGuid().ToString("N"));
    private readonly ActivityListener listener;

    public PersonalDataFilterTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose()
    {
        listener.Dispose();
        source.Dispose();
    }

    [Fact]
    public void A_request_span_keeps_its_route_template_and_loses_its_path_query_address_and_agent()
    {
        using var span = source.StartActivity("GET /api/surveys/abc.def", ActivityKind.Server)!;
        span.SetTag("http.request.method", "GET").SetTag("url.path", "/api/surveys/abc.def").SetTag("url.query", "?lang=es")
            .SetTag("http.route", "/api/surveys/{token}").SetTag("client.address", "203.0.113.7").SetTag("user_agent.original", "Phone/1.0");

        new PersonalDataFilter().OnEnd(span);

        Assert.Equal("GET /api/surveys/{token}", span.DisplayName);
        Assert.Equal("/api/surveys/{token}", span.GetTagItem("url.path"));
        Assert.All(new[] { "url.query", "client.address", "user_agent.original" }, t => Assert.Null(span.GetTagItem(t)));
    }

    [Fact]
    public void A_request_no_route_matched_loses_its_path_and_is_named_by_its_method()
    {
        using var span = source.StartActivity("GET", ActivityKind.Server)!;
        span.SetTag("http.request.method", "GET").SetTag("url.path", "/api/surveys/abc.def/extra");

        new PersonalDataFilter().OnEnd(span);

        Assert.Equal("GET", span.DisplayName);
        Assert.Null(span.GetTagItem("url.path"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/Procedures(PartitionKey='p1',RowKey='1w')", "http://127.0.0.1:10002/devstoreaccount1/Procedures")]
    [InlineData("https://acct.table.core.windows.net/OptOuts()?$filter=PartitionKey%20eq%20'h'", "https://acct.table.core.windows.net/OptOuts")]
    [InlineData("https://acct.table.core.windows.net/$batch", "https://acct.table.core.windows.net/$batch")]
    public void An_outgoing_calls_url_loses_its_keys_and_query(string url, string kept)
    {
        using var span = source.StartActivity("GET", ActivityKind.Client)!;
        span.SetTag("url.full", url).SetTag("http.url", url);

        new PersonalDataFilter().OnEnd(span);

        Assert.Equal(kept, span.GetTagItem("url.full"));
        Assert.Equal(kept, span.GetTagItem("http.url"));
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.Tests;

public sealed class InvocationTraceTests
{
    private const string Caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public void The_hosts_span_is_a_new_span_in_the_callers_trace()
    {
        var sent = InvocationTrace.Continue(Caller);

        Assert.True(ActivityContext.TryParse(sent, null, out var context));
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", context.TraceId.ToHexString());
        Assert.NotEqual("00f067aa0ba902b7", context.SpanId.ToHexString());
        Assert.Equal(ActivityTraceFlags.Recorded, context.TraceFlags);
    }

    [Fact]
    public void A_caller_that_does_not_sample_is_not_sampled_by_the_host_either() =>
        Assert.EndsWith("-00", InvocationTrace.Continue("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a traceparent")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]   // an all-zero trace id is invalid
    public void Without_a_valid_caller_context_a_trace_of_its_own_begins(string? parent)
    {
        var first = InvocationTrace.Continue(parent);
        var second = InvocationTrace.Continue(parent);

        Assert.True(ActivityContext.TryParse(first, null, out var a));
        Assert.True(ActivityContext.TryParse(second, null, out var b));
        Assert.NotEqual(a.TraceId, b.TraceId);
        Assert.Equal(ActivityTraceFlags.Recorded, a.TraceFlags);
    }

    [Fact]
    public void A_wrapped_http_invocation_takes_the_requests_traceparent_header() =>
        Assert.Equal(Caller, InvocationTrace.ParentIn(new JsonObject { ["Headers"] = new JsonObject { ["Traceparent"] = Caller } }));

    [Fact]
    public void A_service_bus_delivery_takes_the_messages_diagnostic_id() =>
        Assert.Equal(Caller, InvocationTrace.ParentIn(new JsonObject { ["ApplicationProperties"] = new JsonObject { ["Diagnostic-Id"] = Caller } }));

    [Fact]
    public void A_timer_run_has_no_caller_context() =>
        Assert.Null(InvocationTrace.ParentIn(new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = "SendFollowUpSurveys" } }));
}

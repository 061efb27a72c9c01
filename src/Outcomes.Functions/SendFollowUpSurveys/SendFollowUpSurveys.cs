using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Outcomes.Functions;

/// <summary>
/// Timer: sends the follow-up survey invitations that are due. For now it emits one test invitation through the
/// Service Bus output binding to <c>survey-invitations</c>; the schedule of due follow-ups comes with the pipeline.
/// </summary>
public static class SendFollowUpSurveys
{
    public const string Route = "/" + nameof(SendFollowUpSurveys);
    public const string TriggerName = "timer";
    public const string InvitationsOutput = "invitations";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(SendFollowUpSurveys));

    public sealed record Invitation(string Kind, Guid InvitationId, DateTimeOffset CreatedAt);

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, TimeProvider clock, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        if (invocation!.Data[TriggerName].ValueKind != JsonValueKind.Object)
            return Problems.MalformedInvocation($"'Data.{TriggerName}' must be the timer's object (Schedule, ScheduleStatus, IsPastDue).");

        var pastDue = invocation.Data[TriggerName].TryGetProperty("IsPastDue", out var p) && p.ValueKind == JsonValueKind.True;
        var invitation = new Invitation("test-invitation", Guid.NewGuid(), clock.GetUtcNow());
        return TypedResults.Ok(new InvocationResult(
            new Dictionary<string, object?> { [InvitationsOutput] = new[] { invitation } },
            [$"Queued 1 test invitation {invitation.InvitationId}{(pastDue ? " (run was past due)" : "")}."]));
    }
}

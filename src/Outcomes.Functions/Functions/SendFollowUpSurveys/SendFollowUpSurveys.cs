using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Outcomes.Functions;

/// <summary>
/// Timer (hourly): invites, reminds and marks missed the follow-ups that call for it today (<see cref="FollowUpRound"/>),
/// sending one message per invitation or reminder through the Service Bus output to <c>survey-invitations</c>.
/// A run that was missed is caught up by the next one: whatever is still outstanding in the due index is looked at again.
/// Each run first finishes the registrations whose request stopped before they were counted (<see cref="ProcedureRegistrations"/>).
/// </summary>
public static class SendFollowUpSurveys
{
    public const string Route = "/" + nameof(SendFollowUpSurveys);
    public const string TriggerName = "timer";
    public const string InvitationsOutput = "invitations";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(SendFollowUpSurveys));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, FollowUpRound round, ProcedureRegistrations registrations, TimeProvider clock, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        if (invocation!.Data[TriggerName].ValueKind != JsonValueKind.Object)
            return Problems.MalformedInvocation($"'Data.{TriggerName}' must be the timer's object (Schedule, ScheduleStatus, IsPastDue).");

        var pastDue = invocation.Data[TriggerName].TryGetProperty("IsPastDue", out var p) && p.ValueKind == JsonValueKind.True;
        var now = clock.GetUtcNow();
        var registrationsFinished = await registrations.FinishStoppedAsync(now, ct);
        var result = await round.RunAsync(now, ct);
        return TypedResults.Ok(new InvocationResult(
            new Dictionary<string, object?> { [InvitationsOutput] = result.Messages.Select(m => m.ToQueueText()).ToArray() },
            [$"Follow-up round{(pastDue ? " (past due)" : "")}: {result.Messages.Count - result.Reminded - result.Requeued} invitations for {result.Invited} follow-ups, " +
             $"{result.Reminded} reminders, {result.Requeued} messages queued again, {result.OptedOut} follow-ups cancelled for a contact that opted out, {result.Missed} marked missed, {result.Retired} finished entries retired from the due index, " +
             $"{registrationsFinished} stopped registrations finished." +
             (result.Unreadable > 0 ? $" Nothing sent for {result.Unreadable} procedures whose contact details cannot be read (their ids are in the errors logged)." : "")]));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/dead-letters/{queue}/{messageId}/replay (admin): puts one dead letter back on its queue, with its MessageId,
/// and removes it from the dead letters, so a second replay of it is a 404. At least once: a replay that dies between
/// the two can leave it listed after it was queued, and replaying it then queues a copy with the same MessageId (the
/// queue functions store an answer once; see the README for invitations).
/// </summary>
public static class ReplayDeadLetter
{
    public const string Route = "/api/dead-letters/{queue}/{messageId}/replay";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(ReplayDeadLetter))
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Replayed(string Queue, string Function, string MessageId);

    internal static async Task<Results<Accepted<Replayed>, ProblemHttpResult>> Handle(
        string queue, string messageId, IDeadLetters deadLetters, ILogger<Replayed> log, CancellationToken ct)
    {
        if (!DeadLetterQueues.FunctionOf.TryGetValue(queue, out var function))
            return Problems.NotFound("queue", Rejection.Excerpt(queue));
        if (!DeadLetterQueues.IsMessageId(messageId))
            return Problems.InvalidInput(Rejection.Invalid("messageId",
                $"A message id is 1 to 128 letters, digits, '.', '_', ':', '~' or '-'; got '{Rejection.Excerpt(messageId)}'."));

        if (await deadLetters.ReplayAsync(queue, messageId, ct) == ReplayOutcome.NotFound)
            return Problems.NotFound("dead letter", messageId);
        log.LogInformation("Dead letter {MessageId} of queue {Queue} replayed by the admin.", messageId, queue);
        return TypedResults.Accepted((string?)null, new Replayed(queue, function, messageId));
    }
}

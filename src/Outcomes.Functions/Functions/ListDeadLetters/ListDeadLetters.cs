using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dead-letters (admin): each queue's dead-lettered messages, oldest first, with the function that failed them,
/// their id, the reason and description the host gave, the deliveries and when each was first queued; never a body.
/// </summary>
public static class ListDeadLetters
{
    public const string Route = "/api/dead-letters";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(ListDeadLetters));

    public sealed record Letter(string MessageId, string? Reason, string? Description, int DeliveryCount, DateTimeOffset EnqueuedTime);

    /// <param name="More">Other dead letters wait behind the ones listed: replay or remove these to see them.</param>
    public sealed record QueueLetters(string Queue, string Function, IReadOnlyList<Letter> Messages, bool More);

    public sealed record Listing(IReadOnlyList<QueueLetters> Queues);

    internal static async Task<Ok<Listing>> Handle(IDeadLetters deadLetters, CancellationToken ct)
    {
        var queues = new List<QueueLetters>();
        foreach (var (queue, function) in DeadLetterQueues.FunctionOf)
        {
            var list = await deadLetters.ListAsync(queue, ct);
            queues.Add(new QueueLetters(queue, function,
                list.Letters.Select(l => new Letter(l.MessageId, l.Reason, l.Description, l.DeliveryCount, l.EnqueuedTime)).ToList(), list.More));
        }
        return TypedResults.Ok(new Listing(queues));
    }
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Domain.Worklist;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>Worklist</c>: PartitionKey = clinic id; RowKey "open_{item id}" for a red flag still to be looked at, and
/// "handled_{item id}" for the mark of any item someone handled. A clinic's open flags are one range of its partition,
/// whatever it handled before.
/// </summary>
internal sealed class WorklistEntity : ITableEntity
{
    public const string OpenPrefix = "open_";
    public const string HandledPrefix = "handled_";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ItemId { get; set; } = "";
    public DateTimeOffset? RaisedAt { get; set; }
    /// <summary>What changed, in storage's own form (<see cref="StoredChange"/>).</summary>
    public string? Changes { get; set; }
    /// <summary>The queue message that claimed the flag's alert.</summary>
    public string? AlertMessageId { get; set; }
    public string? HandledBy { get; set; }
    public DateTimeOffset? HandledAt { get; set; }

    public static WorklistEntity Open(string clinicId, RaisedFlag raised) => new()
    {
        PartitionKey = clinicId,
        RowKey = OpenPrefix + raised.Flag.Id.Value,
        ItemId = raised.Flag.Id.Value,
        RaisedAt = raised.RaisedAt,
        Changes = JsonSerializer.Serialize(raised.Flag.Changes.Select(StoredChange.Of).ToList()),
    };

    public static WorklistEntity Handled(string clinicId, WorklistItemId id, HandledMark mark) => new()
    {
        PartitionKey = clinicId,
        RowKey = HandledPrefix + id.Value,
        ItemId = id.Value,
        HandledBy = mark.By,
        HandledAt = mark.At,
    };

    public RaisedFlag? ToFlag() =>
        WorklistItemId.TryParse(ItemId, out var id) && RaisedAt is { } raisedAt
            ? new RaisedFlag(new RedFlag(id, (JsonSerializer.Deserialize<List<StoredChange>>(Changes ?? "[]") ?? []).Select(c => c.ToDomain()).OfType<RedFlagChange>().ToList()), raisedAt)
            : null;

    /// <summary>A change as stored: its kind, what it was compared with ("baseline" or a time point), before and now as codes.</summary>
    internal sealed record StoredChange(string Kind, string? Against, string? Before, string? Now)
    {
        public static StoredChange Of(RedFlagChange change) => change switch
        {
            RedFlagChange.FractureReported f => new("fracture", null, null, f.Answer.ToWire()),
            RedFlagChange.Pain p => new("pain", p.Against.ToString(), p.Before.Value.ToString(), p.Now.Value.ToString()),
            RedFlagChange.Medication m => new("medication", m.Against.ToString(), Codes(m.Before), Codes(m.Now)),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "A red flag change storage does not know."),
        };

        public RedFlagChange? ToDomain() => Kind switch
        {
            "fracture" when NewFractureAnswerCodes.Wire.TryParse(Now, out var answer) => new RedFlagChange.FractureReported(answer),
            "pain" when int.TryParse(Before, out var before) && int.TryParse(Now, out var now) =>
                new RedFlagChange.Pain(AgainstOf(Against), PainScore.From(before), PainScore.From(now)),
            "medication" => new RedFlagChange.Medication(AgainstOf(Against), Medications(Before), Medications(Now), null),
            _ => null,
        };

        private static string? Codes(IReadOnlyList<Medication>? medications) => medications is null ? null : string.Join(",", medications.Select(m => m.ToWire()));

        private static List<Medication>? Medications(string? codes) => codes?.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => MedicationCodes.Wire.TryParse(c, out var m) ? m : (Medication?)null).OfType<Medication>().ToList();

        private static ComparedWith AgainstOf(string? against) =>
            TimePoint.TryParse(against, out var timePoint) ? ComparedWith.Answer(timePoint) : ComparedWith.Baseline;
    }
}

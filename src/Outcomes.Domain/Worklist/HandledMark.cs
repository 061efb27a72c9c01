namespace Outcomes.Domain.Worklist;

/// <summary>Who marked a worklist item handled, and when. The item leaves the list; the audit keeps the mark.</summary>
public sealed record HandledMark
{
    public const int MaxByLength = 200;

    public HandledMark(string by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(by) || by.Length > MaxByLength || !SingleLineText.IsClean(by))
            throw new ArgumentException($"Who handled an item is named in 1–{MaxByLength} characters on one line.", nameof(by));
        (By, At) = (by, at);
    }

    public string By { get; }
    public DateTimeOffset At { get; }
}

/// <summary>Which worklist items are still open, given the handled marks kept by item id.</summary>
public static class WorklistHandling
{
    /// <summary>
    /// The items not marked handled, most pressing first: red flags (a fracture, a strong opioid started, pain worse, a
    /// possible fracture), then calls by fewest days left, then missed surveys, latest closed first. Ties keep their order.
    /// </summary>
    public static IReadOnlyList<WorklistItem> StillOpen(IEnumerable<WorklistItem> items, IReadOnlyDictionary<WorklistItemId, HandledMark> handled) =>
        items.Where(i => !handled.ContainsKey(i.Id)).OrderBy(Rank).ThenBy(Urgency).ToList();

    private static int Rank(WorklistItem item) => item.Kind switch
    {
        WorklistItemKind.NewFracture => 0,
        WorklistItemKind.StrongOpioidStarted => 1,
        WorklistItemKind.PainWorse => 2,
        WorklistItemKind.PossibleNewFracture => 3,
        WorklistItemKind.CallPatient => 4,
        _ => 5,
    };

    private static int Urgency(WorklistItem item) => item switch
    {
        CallPatient call => call.DaysLeft,
        MissedSurvey missed => -missed.ClosedOn.DayNumber,
        _ => 0,
    };
}

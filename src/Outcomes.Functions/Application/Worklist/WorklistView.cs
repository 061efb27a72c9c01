using System.Globalization;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Worklist;

namespace Outcomes.Functions;

/// <summary>The worklist as the API shows it: each item with its patient reference, procedure, time point and what happened.</summary>
public static class WorklistView
{
    public sealed record Worklist(string Today, IReadOnlyList<Item> Items);

    /// <summary>
    /// One item. <c>daysLeft</c> and <c>lastDay</c> for a call (today counts as a day left), <c>closedOn</c> for a missed
    /// survey (the first day its window took no answer), <c>raisedAt</c> and <c>changes</c> for a red flag.
    /// </summary>
    public sealed record Item(string Id, string Kind, bool RedFlag, string ProcedureId, string PatientRef, string TimePoint,
        int? DaysLeft = null, string? LastDay = null, string? ClosedOn = null, string? RaisedAt = null, IReadOnlyList<Change>? Changes = null);

    /// <summary>
    /// What changed: <c>fracture</c> (now: yes or unsure), <c>pain</c> (before and now, 0–10) or <c>medication</c> (before
    /// and now, medication codes), against <c>baseline</c> or an earlier time point.
    /// </summary>
    public sealed record Change(string What, string? Against, string? Before, string Now);

    internal static Worklist Of(DateOnly today, IReadOnlyList<WorklistEntry> entries) =>
        new(Day(today), [.. entries.Select(ItemOf)]);

    private static Item ItemOf(WorklistEntry entry)
    {
        var item = new Item(entry.Item.Id.Value, entry.Item.Kind.ToWire(), entry.Item.Kind.IsRedFlag(), entry.Item.ProcedureId,
            entry.Procedure.Registration.PatientRef, entry.Item.TimePoint.Code);
        return entry.Item switch
        {
            CallPatient call => item with { DaysLeft = call.DaysLeft, LastDay = Day(call.LastDay) },
            MissedSurvey missed => item with { ClosedOn = Day(missed.ClosedOn) },
            RedFlag flag => item with { RaisedAt = entry.RaisedAt?.ToString("O", CultureInfo.InvariantCulture), Changes = [.. flag.Changes.Select(ChangeOf)] },
            _ => item,
        };
    }

    private static Change ChangeOf(RedFlagChange change) => change switch
    {
        RedFlagChange.FractureReported f => new("fracture", null, null, f.Answer.ToWire()),
        RedFlagChange.Pain p => new("pain", p.Against.ToString(), p.Before.Value.ToString(CultureInfo.InvariantCulture), p.Now.Value.ToString(CultureInfo.InvariantCulture)),
        RedFlagChange.Medication m => new("medication", m.Against.ToString(), Codes(m.Before), Codes(m.Now) ?? ""),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "A red flag change the API does not show."),
    };

    private static string? Codes(IReadOnlyList<Medication>? medications) => medications is null ? null : string.Join(",", medications.Select(m => m.ToWire()));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

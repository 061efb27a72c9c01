using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Worklist;

/// <summary>
/// Names one worklist item: "{procedure id}_{time point}_{kind}". The same answer or the same survey always gives the
/// same id, whatever day or how often it is worked out, so storage writes an item once, an alert goes once per red flag
/// even when a message is delivered twice, and a handled mark keeps applying to it.
/// </summary>
public sealed record WorklistItemId(string ProcedureId, TimePoint TimePoint, WorklistItemKind Kind)
{
    public FollowUpId FollowUp => new(ProcedureId, TimePoint);

    public string Value => $"{ProcedureId}_{TimePoint.Code}_{Kind.ToWire()}";

    public static bool TryParse(string? value, out WorklistItemId id)
    {
        id = null!;
        if (value is null) return false;
        // Kind codes hold underscores, and one ends another ("new_fracture", "possible_new_fracture"): the longest wins.
        foreach (var code in WorklistItemKindCodes.Wire.Valid.OrderByDescending(c => c.Length))
        {
            if (value.EndsWith("_" + code, StringComparison.Ordinal)
                && FollowUpId.TryParse(value[..^(code.Length + 1)], out var followUp)
                && WorklistItemKindCodes.Wire.TryParse(code, out var kind))
            {
                id = new WorklistItemId(followUp.ProcedureId, followUp.TimePoint, kind);
                return true;
            }
        }
        return false;
    }

    public override string ToString() => Value;
}

namespace Outcomes.Domain.FollowUps;

/// <summary>
/// Names one follow-up: "{procedure id}_{time point}". Opaque to a patient (a procedure id is a random id), so it is
/// what survey tokens and queue messages carry.
/// </summary>
public sealed record FollowUpId(string ProcedureId, TimePoint TimePoint)
{
    public string Value => $"{ProcedureId}_{TimePoint.Code}";

    public static bool TryParse(string? value, out FollowUpId id)
    {
        id = null!;
        var underscore = value?.LastIndexOf('_') ?? -1;
        if (underscore <= 0 || !TimePoint.TryParse(value![(underscore + 1)..], out var timePoint)) return false;
        var procedureId = value[..underscore];
        if (!procedureId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || procedureId.Length > 64) return false;
        id = new FollowUpId(procedureId, timePoint);
        return true;
    }

    public override string ToString() => Value;
}

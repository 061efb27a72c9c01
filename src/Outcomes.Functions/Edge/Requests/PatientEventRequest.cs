using Outcomes.Domain;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions;

/// <summary>The body of <c>POST /api/procedures/{id}/events</c>, as bound; <see cref="ToEvent"/> checks it against the domain's rules.</summary>
public sealed record PatientEventRequest(string? Type, DateOnly? Date, IReadOnlyList<string?>? Levels)
{
    /// <summary>The event, or every wrong field; it is dated from <paramref name="procedureDate"/> to the clinic-local <paramref name="clinicToday"/>.</summary>
    internal (PatientEvent? Event, IReadOnlyList<Rejection> Problems) ToEvent(DateOnly procedureDate, DateOnly clinicToday)
    {
        var checks = new FieldChecks();
        var type = checks.Code(Type, "type", true, PatientEventTypeCodes.Wire);
        var date = checks.Present(Date, "date", true);
        if (date is { } day && checks.Refuse("date", PatientEvent.WhyNotDate(day, procedureDate, clinicToday))) date = null;
        var levels = Levels is null || checks.Refuse("levels", PatientEvent.WhyNoLevels(type)) ? null : checks.Levels(Levels, "levels", false);
        return checks.HasProblems ? (null, checks.Problems) : (new PatientEvent(type!.Value, date!.Value, levels ?? []), []);
    }
}

using Outcomes.Domain;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;

namespace Outcomes.Functions;

/// <summary>
/// The body of <c>POST /api/procedures/{id}/responses</c>, as bound: the time point, the day the patient answered, and
/// the answers in the fields a patient's own answers have.
/// </summary>
public sealed record ClinicAnswersRequest(
    string? TimePoint, DateOnly? AnsweredOn, int? Pain, IReadOnlyList<string?>? Medications, SurveyAnswersRequest.OpioidPart? Opioid, string? NewFracture)
{
    public const string TimePointField = "timePoint";
    public const string AnsweredOnField = "answeredOn";

    /// <summary>The time point, the day answered and the answers, or every wrong field.</summary>
    internal (TimePoint? TimePoint, DateOnly? AnsweredOn, SurveyAnswers? Answers, IReadOnlyList<Rejection> Problems) Check()
    {
        var checks = new FieldChecks();
        var timePoint = checks.Present(TimePoint, TimePointField, true) is { } code ? Domain.FollowUps.TimePoint.Parse(code, TimePointField) : default;
        if (timePoint.Why is not null) checks.Add(timePoint.Why);
        var answeredOn = checks.Present(AnsweredOn, AnsweredOnField, true);
        var answers = new SurveyAnswersRequest(Pain, Medications, Opioid, NewFracture).ToAnswers(checks);
        return checks.HasProblems ? (null, null, null, checks.Problems) : (timePoint.TimePoint, answeredOn, answers, []);
    }
}

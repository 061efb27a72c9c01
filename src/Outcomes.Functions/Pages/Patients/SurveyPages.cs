using Outcomes.Domain.FollowUps;
using static Outcomes.Functions.Patients.HtmlText;

namespace Outcomes.Functions.Patients;

/// <summary>A wrong answer on the survey form: the posted field name ("pain", "opioid.dailyDose") and what to do about it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What the survey form shows: <paramref name="TimePointLabel"/> already in the patient's language, and after a refused
/// post the <paramref name="Errors"/> and the <paramref name="Previous"/> values by field name, to fill the form in again.
/// </summary>
public sealed record SurveyFormModel(
    string ClinicName, string TimePointLabel, string FormAction, DateOnly LastDay,
    IReadOnlyList<FieldError> Errors, IReadOnlyDictionary<string, IReadOnlyList<string>> Previous);

/// <summary>The pages a patient sees behind a survey link, rendered on the server as complete HTML documents.</summary>
public static class SurveyPages
{
    public static string Form(LanguageTexts t, SurveyFormModel model) => SurveyFormHtml.Render(t, model);

    /// <summary>"1 week", "3 months"… for a time point code; an unknown code is shown as it is.</summary>
    public static string TimePointLabel(LanguageTexts t, string timePointCode) =>
        TimePoint.TryParse(timePointCode, out var timePoint) ? t[$"timePoint.{timePoint.Code}"] : timePointCode;

    public static string ThankYou(LanguageTexts t) => PageLayout.Message(t, "thankYou");

    public static string AlreadyReceived(LanguageTexts t) => PageLayout.Message(t, "alreadyReceived");

    /// <summary>For a tampered or unknown link: says nothing about whether a survey exists.</summary>
    public static string NotFound(LanguageTexts t) => PageLayout.Message(t, "notFound");

    public static string Expired(LanguageTexts t) => PageLayout.Message(t, "expired");

    public static string Closed(LanguageTexts t) => PageLayout.Message(t, "closed");

    /// <summary>Asks before opting out: a link alone must not opt out, as mail scanners open every link in a message.</summary>
    public static string OptOutConfirm(LanguageTexts t, string formAction) => PageLayout.Page(t, t["optOutConfirm.title"], $"""
        <h1>{Encode(t["optOutConfirm.title"])}</h1>
        <p>{Lines(t["optOutConfirm.body"])}</p>
        <form method="post" action="{Encode(formAction)}">
        <button type="submit">{Encode(t["optOutConfirm.button"])}</button>
        </form>
        """);

    public static string OptedOut(LanguageTexts t) => PageLayout.Message(t, "optedOut");
}

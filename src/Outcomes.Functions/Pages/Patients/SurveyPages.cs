using Outcomes.Domain.FollowUps;
using static Outcomes.Functions.Patients.HtmlText;

namespace Outcomes.Functions.Patients;

/// <summary>A wrong answer on the survey form: the posted field name ("pain", "opioid.dailyDose") and what to do about it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What the survey form shows: <paramref name="TimePointLabel"/> already in the patient's language, and after a refused
/// post the <paramref name="Errors"/> and the <paramref name="Previous"/> values by field name, to fill the form in again;
/// <paramref name="ClinicPhone"/> (E.164) when the clinic gave patients a number to call, and the time point's code,
/// whose own wording a question may have (the one-week survey asks since the treatment, not since the last survey).
/// </summary>
public sealed record SurveyFormModel(
    string ClinicName, string TimePointLabel, string FormAction, DateOnly LastDay,
    IReadOnlyList<FieldError> Errors, IReadOnlyDictionary<string, IReadOnlyList<string>> Previous,
    string? ClinicPhone = null, string? TimePointCode = null);

/// <summary>The pages a patient sees behind a survey link, rendered on the server as complete HTML documents.</summary>
public static class SurveyPages
{
    public static string Form(LanguageTexts t, SurveyFormModel model) => SurveyFormHtml.Render(t, model);

    /// <summary>"1 week", "3 months"… for a time point code; an unknown code is shown as it is.</summary>
    public static string TimePointLabel(LanguageTexts t, string timePointCode) =>
        TimePoint.TryParse(timePointCode, out var timePoint) ? t[$"timePoint.{timePoint.Code}"] : timePointCode;

    /// <summary>How many questions the survey page asks: what an invitation tells the patient to expect.</summary>
    public static int QuestionCount => SurveyFormHtml.QuestionCount;

    public static string ThankYou(LanguageTexts t, ClinicContact? clinic = null) => PageLayout.Message(t, "thankYou", clinic);

    public static string AlreadyReceived(LanguageTexts t, ClinicContact? clinic = null) => PageLayout.Message(t, "alreadyReceived", clinic);

    /// <summary>For a tampered or unknown link: says nothing about whether a survey exists.</summary>
    public static string NotFound(LanguageTexts t) => PageLayout.Message(t, "notFound");

    public static string Expired(LanguageTexts t, ClinicContact? clinic = null) => PageLayout.Message(t, "expired", clinic);

    public static string Closed(LanguageTexts t, ClinicContact? clinic = null) => PageLayout.Message(t, "closed", clinic);

    /// <summary>Asks before opting out: a link alone must not opt out, as mail scanners open every link in a message.</summary>
    public static string OptOutConfirm(LanguageTexts t, string formAction, ClinicContact? clinic = null) => PageLayout.Page(t, t["optOutConfirm.title"], $"""
        <h1>{Encode(t["optOutConfirm.title"])}</h1>
        <p>{Lines(t["optOutConfirm.body"])}</p>
        <form method="post" action="{Encode(formAction)}">
        <button type="submit">{Encode(t["optOutConfirm.button"])}</button>
        </form>{PageLayout.Clinic(t, clinic, always: true)}
        """);

    public static string OptedOut(LanguageTexts t, ClinicContact? clinic = null) => PageLayout.Message(t, "optedOut", clinic);
}

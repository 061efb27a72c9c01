using System.Globalization;
using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions.Staff;

/// <summary>
/// The procedure page's form for a patient event. Its fields are <see cref="PatientEventRequest"/>'s (type, date,
/// levels): the posted form is read into that request so the API's own rules check it. The record holds what was sent
/// and what was wrong with it (field, message), to fill the form in again, and the events already recorded for the
/// procedure (null when not read).
/// </summary>
internal sealed record EventForm(
    IReadOnlyList<RecordedPatientEvent>? Recorded, IReadOnlyList<KeyValuePair<string, string>> Sent, IReadOnlyList<(string Field, string Message)> Errors)
{
    public const string TypeField = "type";
    public const string DateField = "date";
    public const string LevelsField = "levels";

    /// <summary>The procedure page's query naming the event just recorded, or the one found already recorded when the form came again.</summary>
    public const string RecordedQuery = "recorded";
    public const string AlreadyRecordedQuery = "alreadyRecorded";

    public static string NoticePath(string procedureId, Guid eventId, bool again) =>
        $"{StaffPages.ProcedurePath(procedureId)}?{(again ? AlreadyRecordedQuery : RecordedQuery)}={eventId:N}";

    public static EventForm Of(IReadOnlyList<RecordedPatientEvent>? recorded) => new(recorded, [], []);

    public string? Value(string field) => Sent.FirstOrDefault(f => f.Key == field).Value;

    /// <summary>
    /// The posted form as the API's request: empty fields left out, levels split at commas or spaces ("T12, L1"). What
    /// the form could not carry (a field sent twice, a date that is not one) is a rejection at its field, not a guess.
    /// </summary>
    public static (PatientEventRequest Request, IReadOnlyList<Rejection> Problems) Read(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = new PostedForm(fields, "This field takes one value; it was sent twice.");

        var type = form.One(TypeField);
        DateOnly? date = null;
        if (form.One(DateField) is { } day)
        {
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) date = parsed;
            else form.Problems.Add(Rejection.Invalid(DateField, $"Give the day it happened as a date, like 2026-02-28; got \"{Rejection.Excerpt(day)}\"."));
        }
        var levels = form.One(LevelsField)?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (new PatientEventRequest(type, date, levels is { Length: > 0 } ? levels : null), form.Problems);
    }

    /// <summary>
    /// One message per form field ("levels[1]" is the levels field): the rules' own words, except for a field left
    /// empty, which the form asks for in its own.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> ErrorsOf(IEnumerable<Rejection> problems) =>
        problems.Select(p => (Field: FieldOf(p.Field), p.Code, p.Detail))
            .Select(p => (p.Field, Message: p.Code == "missing-field" ? Missing(p.Field) : p.Detail))
            .DistinctBy(p => p.Field).ToList();

    private static string FieldOf(string? path) => path switch
    {
        DateField => DateField,
        _ when path?.StartsWith(LevelsField, StringComparison.Ordinal) == true => LevelsField,
        _ => TypeField,
    };

    private static string Missing(string field) => field switch
    {
        DateField => "Give the day it happened.",
        LevelsField => "Give the newly fractured vertebrae, like T12, L1.",
        _ => "Choose what happened: a death, a withdrawal, an opt-out or a new fracture.",
    };
}

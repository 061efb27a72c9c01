using System.Globalization;
using System.Net;
using System.Text;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

using static Outcomes.Functions.Staff.EventWords;
using static Outcomes.Functions.Staff.StaffTables;
using static Outcomes.Functions.Staff.StaffWords;

namespace Outcomes.Functions.Staff;

/// <summary>
/// The procedure page's "Record an event" section: the events already recorded for the procedure, and the form for a
/// death, withdrawal, opt-out or new fracture. Its ids start with "event-" so they never meet the answer form's. After
/// a refused post the errors are listed first (role="alert") with links to the fields, and repeated beside each field,
/// which is marked aria-invalid and points at its error. What a death, withdrawal or opt-out does to the surveys is
/// said in words before the button, which points at that text: no script asks to confirm.
/// </summary>
internal static class EventFormHtml
{
    public const string ConsequenceId = "event-consequence";

    /// <summary>The types in the order the form offers them: those that stop the surveys first.</summary>
    private static readonly PatientEventType[] Choices = [PatientEventType.Death, PatientEventType.Withdrawal, PatientEventType.OptOut, PatientEventType.NewFracture];

    /// <summary>The element an error of a field links to (the first radio button of the types), and the stem of the field's hint and error ids.</summary>
    private static readonly Dictionary<string, (string FirstInput, string Stem)> Targets = new(StringComparer.Ordinal)
    {
        [EventForm.TypeField] = ("event-type-death", "event-type"),
        [EventForm.DateField] = ("event-date", "event-date"),
        [EventForm.LevelsField] = ("event-levels", "event-levels"),
    };

    public static string EventsPath(string procedureId) => $"{StaffPages.ProcedurePath(procedureId)}/events";

    /// <summary>The id of the element a summary link for <paramref name="field"/> jumps to, and the id of its error message.</summary>
    public static (string Target, string ErrorId) IdsOf(string field) => (Targets[field].FirstInput, $"{Targets[field].Stem}-error");

    public static string Render(ProcedureRecord record, DateOnly clinicToday, EventForm form)
    {
        var procedureDate = record.Procedure.Registration.ProcedureDate;
        var html = new StringBuilder("<h2 id=\"event\">Record an event</h2>\n");
        if (form.Recorded is { } recorded)
            html.Append(RecordedTable(recorded));
        string Error(string field) => form.Errors.FirstOrDefault(e => e.Field == field) is { Message: { } m }
            ? $"<p class=\"error\" id=\"{IdsOf(field).ErrorId}\">{Text(m)}</p>" : "";
        bool Wrong(string field) => form.Errors.Any(e => e.Field == field);
        string DescribedBy(params string?[] ids) => ids.OfType<string>().ToList() is { Count: > 0 } some ? $" aria-describedby=\"{string.Join(' ', some)}\"" : "";
        string Invalid(string field) => Wrong(field) ? " aria-invalid=\"true\"" : "";
        string? ErrorRef(string field) => Wrong(field) ? IdsOf(field).ErrorId : null;

        html.Append($"""<form method="post" action="{Text(EventsPath(record.Procedure.ProcedureId))}" class="event" aria-labelledby="event">""").Append('\n');
        if (form.Errors.Count > 0)
            html.Append($"""<div class="error" role="alert"><p>The event was not recorded:</p><ul>{string.Concat(form.Errors.Select(e => $"<li><a href=\"#{IdsOf(e.Field).Target}\">{Text(e.Message)}</a></li>"))}</ul></div>""").Append('\n');
        var choices = Choices.Select(type => (Type: type, Code: type.ToWire())).Select(c =>
            $"<label class=\"choice\"><input type=\"radio\" id=\"event-type-{c.Code}\" name=\"{EventForm.TypeField}\" value=\"{c.Code}\"{(form.Value(EventForm.TypeField) == c.Code ? " checked=\"checked\"" : "")}{Invalid(EventForm.TypeField)} /> {Text(ChoiceInWords(c.Type))}</label>");
        html.Append($"""
            <fieldset id="event-type"{DescribedBy(ErrorRef(EventForm.TypeField))}><legend>What happened</legend>{Error(EventForm.TypeField)}
            {string.Join("\n", choices)}
            </fieldset>
            <label for="event-date">Day it happened, for every kind of event: from the procedure day, {Day(procedureDate)}, to today, {Day(clinicToday)}</label>{Error(EventForm.DateField)}
            <input type="date" id="event-date" name="{EventForm.DateField}" value="{Text(form.Value(EventForm.DateField) ?? "")}" min="{Day(procedureDate)}" max="{Day(clinicToday)}"{Invalid(EventForm.DateField)}{DescribedBy(ErrorRef(EventForm.DateField))} />
            <label for="event-levels">Newly fractured vertebrae, for a new fracture only (optional)</label>
            <p class="hint" id="event-levels-hint">Levels like T12, L1, separated by commas. Leave it empty for a death, a withdrawal or an opt-out, or when the levels are not known.</p>{Error(EventForm.LevelsField)}
            <input type="text" id="event-levels" name="{EventForm.LevelsField}" value="{Text(form.Value(EventForm.LevelsField) ?? "")}" autocomplete="off" spellcheck="false"{Invalid(EventForm.LevelsField)}{DescribedBy("event-levels-hint", ErrorRef(EventForm.LevelsField))} />
            <div class="consequence" id="{ConsequenceId}">
            <p><strong>What recording does:</strong> a death, a withdrawal or an opt-out cancels every survey still to come for this patient, on all of their procedures, and cancelled surveys are not sent again. An opt-out also keeps the patient's e-mail address and phone from being surveyed on any later procedure. A new fracture is kept for the reports; the surveys go on.</p>
            <p>Answers the patient already gave up to the day of the event are kept.</p>
            </div>
            <button type="submit" aria-describedby="{ConsequenceId}">Record the event</button>
            </form>

            """);
        return html.ToString();
    }

    private static string RecordedTable(IReadOnlyList<RecordedPatientEvent> recorded)
    {
        if (recorded.Count == 0)
            return "<p class=\"empty\">No event is recorded for this procedure yet.</p>\n";
        var html = new StringBuilder($"""
            <table>
            <caption>Events recorded for this procedure</caption>
            {Head("Event", "Day", "Levels", "Recorded (UTC)", "By")}
            <tbody>

            """);
        foreach (var r in recorded.OrderBy(r => r.RecordedAt))
            html.Append($"""
                <tr>{RowHeader("Event", Text(TypeInWords(r.Event.Type)))}{Cell("Day", Text(Day(r.Event.Date)))}{Cell("Levels", Text(LevelsInWords(r.Event)))}{Cell("Recorded (UTC)", Text(r.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))}{Cell("By", Text(ActorInWords(r.RecordedBy)))}</tr>

                """);
        return html.Append("</tbody>\n</table>\n").ToString();
    }

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}

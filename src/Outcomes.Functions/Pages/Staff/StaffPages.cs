using System.Globalization;
using System.Net;
using System.Text;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Worklist;
using Outcomes.Functions.Dashboard;
using Outcomes.Storage;

using static Outcomes.Functions.Staff.StaffTables;
using static Outcomes.Functions.Staff.StaffWords;

namespace Outcomes.Functions.Staff;

/// <summary>
/// The clinic staff's pages behind the dashboard's sign-in: the worklist, a patient's procedures, a procedure with its
/// follow-ups, answers and audit trail. Server-rendered like the dashboard: no script, nothing from elsewhere, every
/// action a plain form, usable by keyboard on a laptop or a tablet.
/// </summary>
internal static class StaffPages
{
    public const string WorklistPath = DashboardReplies.DashboardPath + "/worklist";
    public const string ProceduresPath = DashboardReplies.DashboardPath + "/procedures";

    public static string ProcedurePath(string procedureId) => $"{ProceduresPath}/{Uri.EscapeDataString(procedureId)}";

    public static string HandledPath(string itemId) => $"{WorklistPath}/{Uri.EscapeDataString(itemId)}/handled";

    public static string Worklist(DateOnly today, IReadOnlyList<WorklistEntry> entries)
    {
        var body = new StringBuilder($"""
            <h1>Worklist</h1>
            <p>What needs a person today, {Text(Day(today))}, most pressing first. Mark an item handled once someone dealt with it: it leaves this list, and the procedure's audit trail keeps who and when.</p>

            """);
        if (entries.Count == 0)
            body.Append("<p class=\"empty\">Nothing needs a person today.</p>\n");
        else
        {
            body.Append($"""
                <table>
                <caption>Items on the worklist</caption>
                {Head("What", "Patient", "Survey", "Details", "Action")}
                <tbody>

                """);
            foreach (var entry in entries)
            {
                var item = entry.Item;
                body.Append($"""
                    <tr>{RowHeader("What", (item.Kind.IsRedFlag() ? "<span class=\"flag\">Red flag:</span> " : "") + Text(KindInWords(item.Kind)))}
                    {Cell("Patient", $"<a href=\"{Text(ProcedurePath(item.ProcedureId))}\">{Text(entry.Procedure.Registration.PatientRef)}</a>")}
                    {Cell("Survey", Text(TimePointInWords(item.TimePoint)))}
                    {Cell("Details", Text(Details(entry)))}
                    {Cell("Action", $"<form method=\"post\" action=\"{Text(HandledPath(item.Id.Value))}\"><button type=\"submit\" aria-label=\"{Text($"Mark handled: {KindInWords(item.Kind)}, {entry.Procedure.Registration.PatientRef}, {TimePointInWords(item.TimePoint)}")}\">Mark handled</button></form>")}</tr>

                    """);
            }
            body.Append("</tbody>\n</table>\n");
        }
        return Document("Worklist", body.ToString());
    }

    public static string Patients(string? patientRef, IReadOnlyList<ProcedureRecord> procedures, string? nextPage, string? error = null)
    {
        var body = new StringBuilder($"""
            <h1>Find a patient</h1>
            <form method="get" action="{ProceduresPath}" class="search">
            <label for="patientRef">Patient reference</label>
            {(error is null ? "" : $"""<p class="error" id="patientRef-error" role="alert">{Text(error)}</p>""")}
            <input type="search" id="patientRef" name="patientRef" value="{Text(patientRef ?? "")}" autocomplete="off" spellcheck="false"{(error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"patientRef-error\"")} />
            <button type="submit">Find</button>
            </form>

            """);
        body.Append(procedures.Count == 0
            ? $"<p class=\"empty\">{Text(patientRef is null ? "No procedures registered yet." : $"No procedures for {patientRef}.")} <a href=\"{RegistrationFormHtml.Path}\">Register a procedure</a></p>\n"
            : ProcedureTable(patientRef is null ? "The clinic's procedures" : $"Procedures of {patientRef}", procedures));
        if (nextPage is not null)
            body.Append($"<p><a href=\"{Text(nextPage)}\">Next page</a></p>\n");
        return Document("Find a patient", body.ToString());
    }

    public static string AnswersPath(string procedureId) => $"{ProcedurePath(procedureId)}/responses";

    /// <summary>The answer form as last sent: its fields, and what was wrong with them (field name, message), or a notice that it went through.</summary>
    public sealed record AnswerForm(IReadOnlyList<KeyValuePair<string, string>> Sent, IReadOnlyList<(string Field, string Message)> Errors, string? Notice = null)
    {
        public static readonly AnswerForm Empty = new([], []);

        public string? Value(string field) => Sent.FirstOrDefault(f => f.Key == field).Value;

        public bool Has(string field, string value) => Sent.Any(f => f.Key == field && f.Value == value);
    }

    public static string Procedure(ProcedureRecord record, IReadOnlyList<AuditEntry> trail, DateOnly clinicToday, AnswerForm? form = null, EventForm? events = null)
    {
        var (p, r) = (record.Procedure, record.Procedure.Registration);
        form ??= AnswerForm.Empty;
        var body = new StringBuilder($"""
            <h1>Procedure of {Text(r.PatientRef)}</h1>
            {(form.Notice is { } notice ? $"""<p class="notice" role="status">{Text(notice)}</p>""" : "")}
            <dl class="facts">
            <dt>Procedure</dt><dd>{Text(r.ProcedureType.ToWire())}, {Text(Day(r.ProcedureDate))}, levels {Text(string.Join(", ", r.Levels))}, {Text(r.Etiology.ToWire())}</dd>
            <dt>Baseline</dt><dd>pain {r.Baseline.Pain.Value} of 10; {Text(Medications(r.Baseline.Medications))}</dd>
            <dt>Contact</dt><dd>{Text(ContactInWords(p.ContactHeld))}</dd>
            <dt>Procedure id</dt><dd><code>{Text(p.ProcedureId)}</code></dd>
            </dl>
            <table>
            <caption>Follow-up surveys</caption>
            {Head("Survey", "Due", "Last day", "Status", "Answer")}
            <tbody>

            """);
        foreach (var f in record.FollowUps)
        {
            var answer = record.Answers?.GetValueOrDefault(f.FollowUp.TimePoint.Code);
            body.Append($"""
                <tr>{RowHeader("Survey", Text(TimePointInWords(f.FollowUp.TimePoint)))}{Cell("Due", Text(Day(f.FollowUp.Due)))}{Cell("Last day", Text(Day(f.FollowUp.Window.LastDay)))}{Cell("Status", Text(StatusInWords(f)))}{Cell("Answer", Text(answer is null ? "" : AnswerInWords(answer)))}</tr>

                """);
        }
        body.Append("</tbody>\n</table>\n");
        body.Append(AnswerFormHtml(record, clinicToday, form));
        body.Append(EventFormHtml.Render(record, clinicToday, events ?? EventForm.Of(null)));
        body.Append($"""
            <table>
            <caption>Audit trail: who changed what, when</caption>
            {Head("When (UTC)", "Who", "What", "Details")}
            <tbody>

            """);
        foreach (var e in trail)
            body.Append($"""
                <tr>{Cell("When (UTC)", Text(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))}{Cell("Who", Text(ActorInWords(e.Actor)))}{Cell("What", Text(e.Action))}{Cell("Details", Text(string.Join("; ", e.Changes.Select(c => $"{c.Key}: {c.Value}"))))}</tr>

                """);
        body.Append("</tbody>\n</table>\n");
        return Document($"Procedure of {r.PatientRef}", body.ToString());
    }

    /// <summary>
    /// The form for an answer taken by phone or on paper, offering the surveys that can take one today, each with the days
    /// an answer may be dated; the same rules as the patient's own.
    /// </summary>
    private static string AnswerFormHtml(ProcedureRecord record, DateOnly clinicToday, AnswerForm form)
    {
        var open = record.FollowUps.Select(f => (Record: f, Last: f.LastAnswerableDay(clinicToday))).Where(f => f.Last is not null).ToList();
        if (open.Count == 0)
            return "<h2>Enter an answer</h2>\n<p class=\"empty\">No survey of this procedure can take an answer today: each has its answer, is not open yet, or was stopped.</p>\n";
        string Invalid(string field) => form.Errors.Any(e => e.Field == field) ? $" aria-invalid=\"true\" aria-describedby=\"{field}-error\"" : "";
        string ErrorOf(string field) => form.Errors.FirstOrDefault(e => e.Field == field) is { Message: { } m } ? $"""<p class="error" id="{field}-error">{Text(m)}</p>""" : "";
        string Checked(string field, string value) => form.Has(field, value) ? " checked=\"checked\"" : "";
        // A group's first choice carries the group's id, so the error list's link lands on it.
        string FirstId(int index, string field) => index == 0 ? $" id=\"{field}\"" : "";
        var html = new StringBuilder($"""
            <h2 id="enter">Enter an answer taken by phone or on paper</h2>
            <form method="post" action="{Text(AnswersPath(record.Procedure.ProcedureId))}" class="answer" aria-labelledby="enter">

            """);
        if (form.Errors.Count > 0)
            html.Append($"""<div class="error" role="alert"><p>The answer was not entered:</p><ul>{string.Concat(form.Errors.Select(e => $"<li><a href=\"#{Text(e.Field)}\">{Text(e.Message)}</a></li>"))}</ul></div>""").Append('\n');
        html.Append($"""
            <label for="timePoint">Survey</label>{ErrorOf("timePoint")}
            <select id="timePoint" name="timePoint"{Invalid("timePoint")}>{string.Concat(open.Select(f => $"<option value=\"{f.Record.FollowUp.TimePoint.Code}\"{(form.Value("timePoint") == f.Record.FollowUp.TimePoint.Code ? " selected=\"selected\"" : "")}>{Text($"{TimePointInWords(f.Record.FollowUp.TimePoint)} (takes answers given {Day(f.Record.FollowUp.Window.Opens)} to {Day(f.Last!.Value)})")}</option>"))}</select>
            <label for="answeredOn">Day the patient answered</label>{ErrorOf("answeredOn")}
            <input type="date" id="answeredOn" name="answeredOn" value="{Text(form.Value("answeredOn") ?? Day(clinicToday))}" max="{Day(clinicToday)}"{Invalid("answeredOn")} />
            <label for="pain">Pain now, from 0 (none) to 10 (the worst imaginable)</label>{ErrorOf("pain")}
            <input type="number" id="pain" name="pain" min="0" max="10" step="1" inputmode="numeric" value="{Text(form.Value("pain") ?? "")}"{Invalid("pain")} />
            <fieldset{Invalid("medications")}><legend>Pain medication now</legend>{ErrorOf("medications")}
            {string.Concat(Enum.GetValues<Medication>().Select((m, i) => $"<label class=\"choice\"><input type=\"checkbox\"{FirstId(i, "medications")} name=\"medications\" value=\"{m.ToWire()}\"{Checked("medications", m.ToWire())} /> {Text(MedicationInWords(m))}</label>"))}
            </fieldset>
            <fieldset{Invalid("newFracture")}><legend>A new fracture since the procedure or the last survey?</legend>{ErrorOf("newFracture")}
            {string.Concat(Enum.GetValues<NewFractureAnswer>().Select((a, i) => $"<label class=\"choice\"><input type=\"radio\"{FirstId(i, "newFracture")} name=\"newFracture\" value=\"{a.ToWire()}\"{Checked("newFracture", a.ToWire())} /> {Text(a.ToWire())}</label>"))}
            </fieldset>
            <button type="submit">Enter the answer</button>
            </form>

            """);
        return html.ToString();
    }

    private static string ProcedureTable(string caption, IReadOnlyList<ProcedureRecord> procedures)
    {
        var html = new StringBuilder($"""
            <table>
            <caption>{Text(caption)}</caption>
            {Head(["Patient", "Procedure", "Date", .. TimePoint.All.Select(TimePointInWords)])}
            <tbody>

            """);
        foreach (var record in procedures)
        {
            var r = record.Procedure.Registration;
            html.Append($"""<tr>{RowHeader("Patient", $"<a href=\"{Text(ProcedurePath(record.Procedure.ProcedureId))}\">{Text(r.PatientRef)}</a>")}{Cell("Procedure", Text(r.ProcedureType.ToWire()))}{Cell("Date", Text(Day(r.ProcedureDate)))}""");
            foreach (var timePoint in TimePoint.All)
                html.Append(Cell(TimePointInWords(timePoint), Text(record.FollowUps.FirstOrDefault(f => f.FollowUp.TimePoint == timePoint) is { } f ? StatusInWords(f) : "")));
            html.Append("</tr>\n");
        }
        return html.Append("</tbody>\n</table>\n").ToString();
    }

    private static string Text(string text) => WebUtility.HtmlEncode(text);

    /// <param name="styles">The page's own styles, beside the staff pages' shared ones.</param>
    internal static string Document(string title, string body, string styles = "") => HtmlDocument.Render("en", $"{title}: Outcomes", StaffStyles.Css + styles, $"""
        <nav aria-label="Outcomes"><a href="{DashboardReplies.DashboardPath}">Dashboard</a> <a href="{WorklistPath}">Worklist</a> <a href="{ProceduresPath}">Find a patient</a> <a href="{RegistrationFormHtml.Path}">Register a procedure</a></nav>
        {body}
        <form method="post" action="{DashboardReplies.SignOutPath}"><button type="submit" class="quiet">Sign out</button></form>
        """);
}

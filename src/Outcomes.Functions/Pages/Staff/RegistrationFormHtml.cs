using System.Globalization;
using System.Net;
using System.Text;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Functions.Dashboard;

using static Outcomes.Functions.Staff.StaffWords;

namespace Outcomes.Functions.Staff;

/// <summary>
/// The page on which clinic staff register a procedure, for clinics without a system of their own to call the API:
/// every part of the API's registration as a labelled field, groups of choices as fieldsets, and after a refusal the
/// form again with every wrong field named at the top (linked) and beside the field.
/// </summary>
internal static class RegistrationFormHtml
{
    public const string Path = DashboardReplies.DashboardPath + "/register";

    /// <summary>The form as last sent (empty when new), what was wrong with it, the key its post carries, and the procedure its key registered before.</summary>
    public sealed record State(string Key, IReadOnlyList<KeyValuePair<string, string>> Sent, IReadOnlyList<RegistrationForm.FormError> Errors, string? RegisteredBefore = null)
    {
        public static State New() => new(RegistrationForm.NewKey(), [], []);

        /// <summary>The value sent, to show again; a control character (a NUL, say) as the replacement character, as a browser would show it.</summary>
        public string Value(string field) => new((Sent.FirstOrDefault(f => f.Key == field).Value ?? "").Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());

        public bool Has(string field, string value) => Sent.Any(f => f.Key == field && string.Equals(f.Value.Trim(), value, StringComparison.OrdinalIgnoreCase));

        public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
    }

    private const string Styles = """
        form.register { max-width: 44rem; display: grid; gap: 0.5rem; margin-bottom: 2rem; }
        form.register fieldset { display: grid; gap: 0.5rem; margin: 0.5rem 0; }
        form.register fieldset.choices { display: block; }
        form.register .levels { display: flex; flex-wrap: wrap; column-gap: 0.25rem; }
        form.register .levels label.choice { margin-right: 0.5rem; min-width: 4rem; }
        .hint { color: #4a4a4a; margin: 0; }
        """;

    public static string Page(DateOnly clinicToday, IReadOnlyCollection<string> languages, State state)
    {
        var html = new StringBuilder($"""
            <h1>Register a procedure</h1>
            <p>Outcomes then surveys the patient 1 week, 1 month, 3, 6 and 12 months after the procedure, by e-mail or text message. Every field is needed unless it says optional.</p>

            """);
        if (state.Errors.Count > 0)
            html.Append($"""<div class="error" role="alert"><p>The procedure was not registered:</p><ul>{string.Concat(state.Errors.Select(ErrorItem))}</ul>{AlreadyRegistered(state)}</div>""").Append('\n');
        html.Append($"""
            <form method="post" action="{Path}" class="register" novalidate="novalidate">
            <input type="hidden" name="{RegistrationForm.KeyField}" value="{Text(state.Key)}" />
            {TextField(state, "patientRef", "Patient reference", "text", hint: "The clinic's pseudonymous reference, like VP-2026-0042: never a name, an e-mail address or a phone number.")}
            {Choices(state, "procedureType", "Procedure", "radio", ProcedureTypeCodes.Wire.Valid.Select(c => (c, c)))}
            {TextField(state, "procedureDate", "Day of the procedure", "date", value: state.Sent.Count == 0 ? Day(clinicToday) : null,
                extra: $" min=\"{Day(ProcedureRegistration.EarliestProcedureDate)}\" max=\"{Day(clinicToday)}\"", hint: $"Today or earlier (today is {Day(clinicToday)} at this clinic).")}
            {Levels(state)}
            {Choices(state, "etiology", "Cause of the fracture", "radio", EtiologyCodes.Wire.Valid.Select(c => (c, c)))}
            <fieldset><legend>Before the procedure</legend>
            {TextField(state, "baselinePain", "Pain, from 0 (none) to 10 (the worst imaginable)", "number", extra: " min=\"0\" max=\"10\" step=\"1\" inputmode=\"numeric\"")}
            {Choices(state, "baselineMedications", "Pain medication in use", "checkbox", Enum.GetValues<Medication>().Select(m => (m.ToWire(), MedicationInWords(m))))}
            </fieldset>
            <fieldset><legend>How to reach the patient for the surveys</legend>
            <p class="hint">An e-mail address, a mobile phone for text messages, or both. Kept encrypted; staff pages never show them again.</p>
            {TextField(state, "email", "E-mail address", "email", extra: " spellcheck=\"false\"")}
            {TextField(state, "phone", "Mobile phone, international form", "tel", hint: "+ and the country code first, like +49 30 1234567.")}
            {Select(state, "language", "Language of the surveys", Languages(languages, state), PatientContact.DefaultLanguage)}
            </fieldset>
            <fieldset><legend>Procedure details (optional)</legend>
            {Select(state, "operator", "Performed by", Optional(OperatorSpecialtyCodes.Wire.Valid), "")}
            {Select(state, "anesthesia", "Anesthesia", Optional(AnesthesiaCodes.Wire.Valid), "")}
            {Select(state, "discharge", "Went home", Optional(DischargeTimingCodes.Wire.Valid), "")}
            {TextField(state, "cementVolumeMl", "Cement over all levels, in ml", "number", extra: " min=\"0\" step=\"0.1\" inputmode=\"decimal\"")}
            {Choices(state, "complications", "Complications", "checkbox", ComplicationCodes.Wire.Valid.Select(c => (c, Words(c))))}
            <fieldset><legend>Kyphoplasty only</legend>
            {TextField(state, "heightRestoredMm", "Vertebral height restored, in mm", "number", extra: " step=\"0.1\" inputmode=\"decimal\"")}
            {TextField(state, "kyphoticAngleBefore", "Kyphotic angle before, in degrees", "number", extra: " step=\"0.1\" inputmode=\"decimal\"")}
            {TextField(state, "kyphoticAngleAfter", "Kyphotic angle after, in degrees", "number", extra: " step=\"0.1\" inputmode=\"decimal\"")}
            </fieldset>
            </fieldset>
            <button type="submit">Register the procedure</button>
            </form>

            """);
        return StaffPages.Document("Register a procedure", html.ToString(), Styles);
    }

    private static string ErrorItem(RegistrationForm.FormError e) =>
        e.Field is null ? $"<li>{Text(e.Message)}</li>" : $"<li><a href=\"#{Text(e.Field)}\">{Text(e.Message)}</a></li>";

    private static string AlreadyRegistered(State state) => state.RegisteredBefore is { } procedureId
        ? $"""<p>This form already registered <a href="{Text(StaffPages.ProcedurePath(procedureId))}">a procedure</a> with other details. The form below has a new key: send it only to register another procedure.</p>"""
        : "";

    /// <summary>The attributes tying a field to its hint and its error: aria-describedby, and aria-invalid when it has an error.</summary>
    private static string Described(State state, string field, bool hint)
    {
        var ids = new[] { hint ? $"{field}-hint" : null, state.ErrorOf(field) is null ? null : $"{field}-error" }.OfType<string>().ToList();
        return (ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"") + (state.ErrorOf(field) is null ? "" : " aria-invalid=\"true\"");
    }

    private static string ErrorText(State state, string field) =>
        state.ErrorOf(field) is { } message ? $"""<p class="error" id="{field}-error">{Text(message)}</p>""" : "";

    private static string TextField(State state, string field, string label, string type, string? value = null, string extra = "", string? hint = null) => $"""
        <label for="{field}">{Text(label)}</label>{(hint is null ? "" : $"""<p class="hint" id="{field}-hint">{Text(hint)}</p>""")}{ErrorText(state, field)}
        <input type="{type}" id="{field}" name="{field}" value="{Text(value ?? state.Value(field))}" autocomplete="off"{extra}{Described(state, field, hint is not null)} />
        """;

    /// <summary>Radio buttons or checkboxes in a fieldset; the first carries the field's id, so the error list's link lands on it.</summary>
    private static string Choices(State state, string field, string legend, string type, IEnumerable<(string Code, string Words)> options) =>
        $"""<fieldset class="choices"{Described(state, field, false)}><legend>{Text(legend)}</legend>{ErrorText(state, field)}""" + "\n"
        + string.Concat(options.Select((o, i) => $"""<label class="choice"><input type="{type}" name="{field}" value="{Text(o.Code)}"{(i == 0 ? $" id=\"{field}\"" : "")}{(state.Has(field, o.Code) ? " checked=\"checked\"" : "")} /> {Text(o.Words)}</label>"""))
        + "\n</fieldset>";

    /// <summary>The 25 vertebrae from C1 to S1, one row per region.</summary>
    private static string Levels(State state) =>
        $"""<fieldset class="choices"{Described(state, "levels", false)}><legend>Treated vertebrae</legend>{ErrorText(state, "levels")}""" + "\n"
        + string.Concat(VertebralLevel.All.GroupBy(l => l.Region).Select(region => "<div class=\"levels\">" + string.Concat(region.Select(l =>
            $"""<label class="choice"><input type="checkbox" name="levels" value="{l}"{(l.Ordinal == 0 ? " id=\"levels\"" : "")}{(state.Has("levels", l.ToString()) ? " checked=\"checked\"" : "")} /> {l}</label>""")) + "</div>\n"))
        + "</fieldset>";

    private static string Select(State state, string field, string label, IEnumerable<(string Code, string Words)> options, string chosenWhenNew)
    {
        var chosen = state.Sent.Count == 0 ? chosenWhenNew : state.Value(field).Trim();
        return $"""
            <label for="{field}">{Text(label)}</label>{ErrorText(state, field)}
            <select id="{field}" name="{field}"{Described(state, field, false)}>{string.Concat(options.Select(o => $"<option value=\"{Text(o.Code)}\"{(string.Equals(o.Code, chosen, StringComparison.OrdinalIgnoreCase) ? " selected=\"selected\"" : "")}>{Text(o.Words)}</option>"))}</select>
            """;
    }

    private static IEnumerable<(string, string)> Optional(IEnumerable<string> codes) => [("", "not recorded"), .. codes.Select(c => (c, Words(c)))];

    /// <summary>The languages the patients' texts are written in, English first; a tag sent that is not among them stays, so the form keeps it.</summary>
    private static IEnumerable<(string, string)> Languages(IReadOnlyCollection<string> languages, State state)
    {
        var tags = languages.OrderBy(t => t == PatientContact.DefaultLanguage ? 0 : 1).ThenBy(t => t, StringComparer.Ordinal).ToList();
        var sent = state.Value("language").Trim();
        if (sent.Length > 0 && !tags.Contains(sent, StringComparer.OrdinalIgnoreCase))
            tags.Add(sent);
        return tags.Select(t => (t, $"{LanguageName(t)} ({t})"));
    }

    private static string LanguageName(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag, predefinedOnly: true).EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return "a language";
        }
    }

    private static string Words(string code) => code.Replace('_', ' ');

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}

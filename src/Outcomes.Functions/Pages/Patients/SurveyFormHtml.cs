using System.Globalization;
using System.Text;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using static Outcomes.Functions.Patients.HtmlText;
using static Outcomes.Functions.Patients.SurveyForm;

namespace Outcomes.Functions.Patients;

/// <summary>
/// The survey form. Every input has a label tied by <c>for</c>/<c>id</c>, choices sit in a fieldset with a legend, and
/// after a refused post the errors are listed first (role="alert") with links to the fields, and repeated beside each
/// field, which points at its error with <c>aria-describedby</c> and is marked <c>aria-invalid</c>.
/// </summary>
internal static class SurveyFormHtml
{
    /// <summary>The id of the element an error for a field links to, and the id stem of the field's hint and error.</summary>
    private static readonly Dictionary<string, (string FirstInput, string Stem)> Targets = new(StringComparer.Ordinal)
    {
        [PainField] = ("pain-0", "pain"),
        [MedicationsField] = ("medications-none", "medications"),
        [SurveyAnswersRequest.OpioidField] = ("opioid-name", "opioid"),
        [OpioidNameField] = ("opioid-name", "opioid-name"),
        [OpioidDailyDoseField] = ("opioid-dailyDose", "opioid-dailyDose"),
        [NewFractureField] = ("newFracture-yes", "newFracture"),
    };

    /// <summary>The questions the page asks, in order, each one fieldset: the count an invitation announces is theirs.</summary>
    private static readonly Func<Form, string>[] Questions = [f => f.Pain(), f => f.Medications(), f => f.Opioid(), f => f.NewFracture()];

    public static int QuestionCount => Questions.Length;

    public static string Render(LanguageTexts t, SurveyFormModel model)
    {
        var form = new Form(t, model);
        var intro = HtmlText.Format(t, "survey.intro",
            ("clinicName", model.ClinicName), ("timePoint", model.TimePointLabel), ("lastDay", t.Date(model.LastDay)));
        var html = new StringBuilder()
            .Append($"<h1>{Encode(t["survey.heading"])}</h1>\n<p>{intro}</p>")
            .Append(PageLayout.Clinic(t, new ClinicContact(model.ClinicName, model.ClinicPhone), always: false)).Append('\n')
            .Append(Summary(t, model.Errors))
            .Append($"<form method=\"post\" action=\"{Encode(model.FormAction)}\" novalidate=\"novalidate\">\n");
        foreach (var question in Questions)
            html.Append(question(form));
        html.Append($"<button type=\"submit\">{Encode(t["survey.submit"])}</button>\n</form>");
        // After a refused post the title says so first, so a screen reader announces the problem on arrival.
        var title = t.Format("survey.pageTitle", ("clinicName", model.ClinicName));
        return PageLayout.Page(t, model.Errors.Count > 0 ? $"{t["survey.errors.heading"]} {title}" : title, html.ToString());
    }

    private static string Summary(LanguageTexts t, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 0) return "";
        var items = errors.Select(e => Targets.TryGetValue(e.Field, out var target)
            ? $"<li><a href=\"#{target.FirstInput}\">{Encode(e.Message)}</a></li>"
            : $"<li>{Encode(e.Message)}</li>");
        return $"<div class=\"errors\" role=\"alert\" aria-labelledby=\"errors-heading\" tabindex=\"-1\" autofocus=\"autofocus\">\n<h2 id=\"errors-heading\">{Encode(t["survey.errors.heading"])}</h2>\n"
            + $"<ul>\n{string.Join("\n", items)}\n</ul>\n</div>\n";
    }

    private sealed class Form(LanguageTexts t, SurveyFormModel model)
    {
        public string Pain()
        {
            var choices = Enumerable.Range(PainScore.Min, PainScore.Max - PainScore.Min + 1)
                .Select(n => n.ToString(CultureInfo.InvariantCulture))
                .Select(n => Choice("radio", PainField, $"pain-{n}", n, Encode(n)));
            var hint = $"<p class=\"hint\" id=\"pain-hint\">{Encode(t["survey.pain.hint"])}<br />"
                + $"{PainScore.Min} = {Encode(t["survey.pain.low"])}<br />{PainScore.Max} = {Encode(t["survey.pain.high"])}</p>";
            return Fieldset(PainField, "survey.pain.legend", hint, $"<div class=\"scale\">\n{string.Join("\n", choices)}\n</div>");
        }

        public string Medications()
        {
            var choices = MedicationCodes.Wire.Valid.Select(code =>
                Choice("checkbox", MedicationsField, $"medications-{code}", code, Encode(t[$"medication.{code}"])));
            var hint = $"<p class=\"hint\" id=\"medications-hint\">{Encode(t["survey.medications.hint"])}</p>";
            return Fieldset(MedicationsField, "survey.medications.legend", hint, $"<div class=\"options\">\n{string.Join("\n", choices)}\n</div>");
        }

        public string Opioid()
        {
            var chosen = Previous(OpioidNameField).FirstOrDefault();
            var options = OpioidCodes.Wire.Valid.Select(code =>
                $"<option value=\"{Encode(code)}\"{Selected(code == chosen)}>{Encode(t[$"opioid.{code}"])}</option>");
            var select = $"<div class=\"field\">\n<label for=\"opioid-name\">{Encode(t["survey.opioid.name"])}</label>\n"
                + Error(OpioidNameField)
                + $"<select id=\"opioid-name\" name=\"{OpioidNameField}\"{Invalid(OpioidNameField)}>\n"
                + $"<option value=\"\">{Encode(t["survey.opioid.choose"])}</option>\n{string.Join("\n", options)}\n</select>\n</div>";
            var dose = $"<div class=\"field\">\n<label for=\"opioid-dailyDose\">{Encode(t["survey.opioid.dailyDose"])}</label>\n"
                + Error(OpioidDailyDoseField)
                + $"<input type=\"number\" id=\"opioid-dailyDose\" name=\"{OpioidDailyDoseField}\" inputmode=\"decimal\" min=\"0\" step=\"any\""
                + $"{Attribute("value", Previous(OpioidDailyDoseField).FirstOrDefault())}{Invalid(OpioidDailyDoseField)} />\n</div>";
            var hint = $"<p class=\"hint\" id=\"opioid-hint\">{Encode(t["survey.opioid.hint"])}</p>";
            return Fieldset(SurveyAnswersRequest.OpioidField, "survey.opioid.legend", hint, select + "\n" + dose);
        }

        public string NewFracture()
        {
            var choices = NewFractureAnswerCodes.Wire.Valid.Select(code =>
                Choice("radio", NewFractureField, $"newFracture-{code}", code, Encode(t[$"newFracture.{code}"])));
            var legendKey = model.TimePointCode is { } code && t.TryGet($"survey.newFracture.legend.{code}", out _)
                ? $"survey.newFracture.legend.{code}" : "survey.newFracture.legend";
            return Fieldset(NewFractureField, legendKey, null, $"<div class=\"options\">\n{string.Join("\n", choices)}\n</div>");
        }

        private string Fieldset(string field, string legendKey, string? hint, string content)
        {
            var stem = Targets[field].Stem;
            var describedBy = string.Join(" ", new[] { hint is null ? null : $"{stem}-hint", HasError(field) ? $"{stem}-error" : null }.OfType<string>());
            return $"<fieldset id=\"{stem}\"{Attribute("aria-describedby", describedBy.Length > 0 ? describedBy : null)}>\n"
                + $"<legend>{Encode(t[legendKey])}</legend>\n{(hint is null ? "" : hint + "\n")}{Error(field)}{content}\n</fieldset>\n";
        }

        private string Choice(string type, string field, string id, string value, string labelHtml) =>
            $"<div class=\"choice\"><input type=\"{type}\" id=\"{id}\" name=\"{field}\" value=\"{Encode(value)}\""
            + $"{Checked(Previous(field).Contains(value))}{Invalid(field)} /><label for=\"{id}\">{labelHtml}</label></div>";

        private string Error(string field) => HasError(field)
            ? $"<p class=\"field-error\" id=\"{Targets[field].Stem}-error\">{Encode(string.Join(" ", model.Errors.Where(e => e.Field == field).Select(e => e.Message)))}</p>\n"
            : "";

        private bool HasError(string field) => model.Errors.Any(e => e.Field == field);

        private string Invalid(string field) => HasError(field)
            ? (field is OpioidNameField or OpioidDailyDoseField ? $" aria-invalid=\"true\" aria-describedby=\"{Targets[field].Stem}-error\"" : " aria-invalid=\"true\"")
            : "";

        private IReadOnlyList<string> Previous(string field) => model.Previous.TryGetValue(field, out var values) ? values : [];

        private static string Checked(bool on) => on ? " checked=\"checked\"" : "";

        private static string Selected(bool on) => on ? " selected=\"selected\"" : "";
    }
}

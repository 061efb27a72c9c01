using System.Globalization;
using System.Text.RegularExpressions;
using Outcomes.Domain;
using Outcomes.Domain.Procedures;

namespace Outcomes.Functions.Staff;

/// <summary>
/// The staff's registration form, read into the API's body (<see cref="ProcedureRegistrationRequest"/>) and checked by
/// the API's own rules (<see cref="ProcedureRegistrationRequest.ToRegistration"/>), so that the form registers exactly
/// what the API would. The rules name a wrong value by its JSON path; here it becomes a message beside the form's field.
/// The form carries a key of its own (<see cref="KeyField"/>), made when the page is drawn, so that a double submit or a
/// browser's resubmission registers once.
/// </summary>
internal static partial class RegistrationForm
{
    public const string KeyField = "idempotencyKey";

    /// <summary>A message for the page: beside <paramref name="Field"/> and linked from the list at the top, or (null) in the list only.</summary>
    public sealed record FormError(string? Field, string Message);

    /// <summary>What the post held: the registration, or every reason it is not one; and the form's key, when it is one.</summary>
    public sealed record Reading(ProcedureRegistration? Registration, string? Key, IReadOnlyList<FormError> Errors);

    /// <summary>The JSON paths of the API's body, the form field each is entered in, and what to say when it is left empty.</summary>
    private static readonly (string Path, string Field, string? WhenMissing)[] Fields =
    [
        ("patientRef", "patientRef", "Give the clinic's reference for the patient."),
        ("procedureType", "procedureType", "Choose the procedure: vertebroplasty or kyphoplasty."),
        ("procedureDate", "procedureDate", "Give the day of the procedure."),
        ("levels", "levels", "Tick each treated vertebra (at least one)."),
        ("etiology", "etiology", "Choose what caused the fracture."),
        ("baseline.pain", "baselinePain", "Give the patient's pain before the procedure, from 0 to 10."),
        ("baseline.medications", "baselineMedications", "Tick the pain medication the patient took before the procedure, or none."),
        ("contact", "email", null),
        ("contact.email", "email", null),
        ("contact.phone", "phone", null),
        ("contact.language", "language", null),
        ("details.operator", "operator", null),
        ("details.anesthesia", "anesthesia", null),
        ("details.discharge", "discharge", null),
        ("details.cementVolumeMl", "cementVolumeMl", null),
        ("details.complications", "complications", null),
        ("details.kyphoplasty", "heightRestoredMm", null),
        ("details.kyphoplasty.heightRestoredMm", "heightRestoredMm", null),
        ("details.kyphoplasty.kyphoticAngleBefore", "kyphoticAngleBefore", null),
        ("details.kyphoplasty.kyphoticAngleAfter", "kyphoticAngleAfter", null),
    ];

    /// <summary>A new key for a form about to be drawn: 128 random bits, as 32 lowercase hex digits.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static Reading Read(IEnumerable<KeyValuePair<string, string>> fields, DateOnly clinicToday)
    {
        var form = new PostedForm(fields, "This takes one answer; it was given twice.");
        IReadOnlyList<string?>? Many(string name) => form.All(name) is { Count: > 0 } given ? [.. given] : null;
        decimal? Number(string name, string what) => form.Parsed(name, what, text =>
            decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null);

        // Not through One: a key sent twice is the key error below, which names no field (the key is hidden, so no link could land on it).
        var key = form.All(KeyField) is [var only] ? only : null;
        var keyError = key is not null && FormKey().IsMatch(key) ? null
            : new FormError(null, "This form's registration key is missing or is not one this page gives. The form below has a new one: check it and send it again.");
        var pain = form.Parsed("baselinePain", "Pain is a whole number from 0 to 10", text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (int?)null);
        var date = form.Parsed("procedureDate", "Give the day as a date, like 2026-03-01", text =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : (DateOnly?)null);
        var kyphoplasty = new ProcedureRegistrationRequest.KyphoplastyPart(
            Number("heightRestoredMm", "The restored height is a number of millimetres, like 4.5"),
            Number("kyphoticAngleBefore", "A kyphotic angle is a number of degrees, like 12"),
            Number("kyphoticAngleAfter", "A kyphotic angle is a number of degrees, like 12"));
        var details = new ProcedureRegistrationRequest.DetailsPart(form.One("operator"), form.One("anesthesia"), form.One("discharge"),
            Number("cementVolumeMl", "The cement volume is a number of millilitres, like 4.5"), Many("complications"),
            kyphoplasty == new ProcedureRegistrationRequest.KyphoplastyPart(null, null, null) ? null : kyphoplasty);
        var request = new ProcedureRegistrationRequest(
            form.One("patientRef"),
            new ProcedureRegistrationRequest.ContactPart(form.One("email"), form.One("phone"), form.One("language")),
            form.One("procedureType"), date, Many("levels"), form.One("etiology"),
            new ProcedureRegistrationRequest.BaselinePart(pain, Many("baselineMedications")),
            details == new ProcedureRegistrationRequest.DetailsPart(null, null, null, null, null, null) ? null : details);

        var (registration, rules) = request.ToRegistration(clinicToday);
        // The form's own refusals first: a number that is not one is said as such, not as the rules' "missing".
        var errors = form.Problems.Select(p => new FormError(p.Field, p.Detail))
            .Concat(rules.Select(ToFormError)).DistinctBy(e => e.Field).ToList();
        if (keyError is not null) errors.Insert(0, keyError);
        return new Reading(errors.Count == 0 ? registration : null, keyError is null ? key : null, errors);
    }

    /// <summary>The form field a rule's rejection is about ("levels[2]" is the levels field), with the form's words for an empty one.</summary>
    private static FormError ToFormError(Rejection why)
    {
        var path = ListIndex().Replace(why.Field ?? "", "");
        var field = Fields.FirstOrDefault(f => f.Path == path);
        if (field.Field is null)
            return new FormError(Fields[0].Field, why.Detail);
        return new FormError(field.Field, why.Code == "missing-field" && field.WhenMissing is { } words ? words : why.Detail);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex FormKey();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ListIndex();
}

using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;

namespace Outcomes.Functions;

/// <summary>The body of <c>POST /api/procedures</c>, as bound; <see cref="ToRegistration"/> checks it against the domain's rules.</summary>
public sealed record ProcedureRegistrationRequest(
    string? PatientRef, ProcedureRegistrationRequest.ContactPart? Contact, string? ProcedureType, DateOnly? ProcedureDate,
    IReadOnlyList<string?>? Levels, string? Etiology, ProcedureRegistrationRequest.BaselinePart? Baseline, ProcedureRegistrationRequest.DetailsPart? Details)
{
    public sealed record ContactPart(string? Email, string? Phone, string? Language);

    public sealed record BaselinePart(int? Pain, IReadOnlyList<string?>? Medications);

    public sealed record DetailsPart(string? Operator, string? Anesthesia, string? Discharge, decimal? CementVolumeMl,
        IReadOnlyList<string?>? Complications, KyphoplastyPart? Kyphoplasty);

    public sealed record KyphoplastyPart(decimal? HeightRestoredMm, decimal? KyphoticAngleBefore, decimal? KyphoticAngleAfter);

    /// <summary>
    /// The registration, or every wrong field with its JSON path (<c>baseline.pain</c>, <c>levels[1]</c>).
    /// <paramref name="clinicToday"/> is the clinic-local date the procedure date may not be after.
    /// </summary>
    internal (ProcedureRegistration? Registration, IReadOnlyList<Rejection> Problems) ToRegistration(DateOnly clinicToday)
    {
        var checks = new FieldChecks();
        var patientRef = checks.Present(PatientRef?.Trim(), "patientRef", true);
        if (patientRef is not null && checks.Refuse("patientRef", PatientReference.WhyNot(patientRef))) patientRef = null;
        var contact = ToContact(checks);
        var type = checks.Code(ProcedureType, "procedureType", true, ProcedureTypeCodes.Wire);
        var date = checks.Present(ProcedureDate, "procedureDate", true);
        if (date is { } day && checks.Refuse("procedureDate", ProcedureRegistration.WhyNotProcedureDate(day, clinicToday))) date = null;
        var levels = checks.Levels(Levels, "levels", true);
        if (levels is { Count: 0 } && checks.Refuse("levels", "List at least one treated vertebra, like [\"T12\", \"L1\"].")) levels = null;
        var etiology = checks.Code(Etiology, "etiology", true, EtiologyCodes.Wire);
        var baseline = checks.Present(Baseline, "baseline", true);
        var pain = checks.Pain(baseline?.Pain, "baseline.pain", baseline is not null);
        var medications = checks.Medications(baseline?.Medications, "baseline.medications", baseline is not null);
        var details = Details is null ? ProcedureDetails.None : ToDetails(checks, Details, type);

        if (checks.HasProblems) return (null, checks.Problems);
        return (new ProcedureRegistration(patientRef!, contact!, type!.Value, date!.Value, levels!, etiology!.Value,
            new Baseline(pain!.Value, medications!), details!), []);
    }

    /// <summary>A registration in its wire form, without the contact (a procedure's record shows only how it may be reached).</summary>
    public static ProcedureRegistrationRequest WithoutContact(ProcedureRegistration r) => new(
        r.PatientRef, null, r.ProcedureType.ToWire(), r.ProcedureDate, r.Levels.Select(l => (string?)l.ToString()).ToList(), r.Etiology.ToWire(),
        new BaselinePart(r.Baseline.Pain.Value, r.Baseline.Medications.Select(m => (string?)m.ToWire()).ToList()),
        new DetailsPart(r.Details.Operator?.ToWire(), r.Details.Anesthesia?.ToWire(), r.Details.Discharge?.ToWire(), r.Details.CementVolumeMl,
            r.Details.Complications.Count > 0 ? r.Details.Complications.Select(c => (string?)c.ToWire()).ToList() : null,
            r.Details.Kyphoplasty is { } k ? new KyphoplastyPart(k.HeightRestoredMm, k.KyphoticAngleBefore, k.KyphoticAngleAfter) : null));

    private PatientContact? ToContact(FieldChecks checks)
    {
        if (checks.Present(Contact, "contact", true) is not { } contact) return null;
        var before = checks.Problems.Count;
        var email = contact.Email?.Trim() is { Length: > 0 } e ? e : null;
        var phone = contact.Phone?.Trim() is { Length: > 0 } p ? p : null;
        var language = contact.Language?.Trim() ?? PatientContact.DefaultLanguage;
        if (email is not null) checks.Refuse("contact.email", ContactRules.WhyNotEmail(email));
        var (e164, whyPhone) = phone is null ? (null, null) : ContactRules.Phone(phone);
        checks.Refuse("contact.phone", whyPhone);
        if (email is null && phone is null && checks.Problems.Count == before) checks.Refuse("contact", ContactRules.NoWayToReach);
        checks.Refuse("contact.language", ContactRules.WhyNotLanguage(language));
        return checks.Problems.Count == before ? new PatientContact(email, e164, language) : null;
    }

    private static ProcedureDetails? ToDetails(FieldChecks checks, DetailsPart details, ProcedureType? type)
    {
        var before = checks.Problems.Count;
        var read = new ProcedureDetails(
            checks.Code(details.Operator, "details.operator", false, OperatorSpecialtyCodes.Wire),
            checks.Code(details.Anesthesia, "details.anesthesia", false, AnesthesiaCodes.Wire),
            checks.Code(details.Discharge, "details.discharge", false, DischargeTimingCodes.Wire),
            checks.Number(details.CementVolumeMl, "details.cementVolumeMl", false, 0m, false, ProcedureDetails.MaxCementVolumeMl, "Cement volume (ml)"),
            checks.Codes(details.Complications, "details.complications", false, ComplicationCodes.Wire, maxItems: 20) ?? [],
            details.Kyphoplasty is { } measures && !checks.Refuse("details.kyphoplasty", KyphoplastyMeasures.WhyNotFor(type))
                ? ToKyphoplasty(checks, measures) : null);
        return checks.Problems.Count == before ? read : null;
    }

    private static KyphoplastyMeasures ToKyphoplasty(FieldChecks checks, KyphoplastyPart measures)
    {
        const string at = "details.kyphoplasty.";
        decimal? Angle(decimal? value, string name) => checks.Number(value, at + name, false,
            KyphoplastyMeasures.MinKyphoticAngle, true, KyphoplastyMeasures.MaxKyphoticAngle, "A kyphotic angle (degrees)");
        return new KyphoplastyMeasures(
            checks.Number(measures.HeightRestoredMm, at + "heightRestoredMm", false, 0m, true, KyphoplastyMeasures.MaxHeightRestoredMm, "Restored height (mm)"),
            Angle(measures.KyphoticAngleBefore, "kyphoticAngleBefore"),
            Angle(measures.KyphoticAngleAfter, "kyphoticAngleAfter"));
    }
}

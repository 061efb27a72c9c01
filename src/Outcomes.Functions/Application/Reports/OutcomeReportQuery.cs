using System.Globalization;
using Outcomes.Domain;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;

namespace Outcomes.Functions;

/// <summary>
/// The report's query string: <c>procedureType</c>, <c>etiology</c>, <c>from</c>/<c>to</c> (<c>yyyy-MM-dd</c> or
/// <c>yyyy-MM</c>, procedure dates; widened to whole months, as the tallies are kept per procedure month) and
/// <c>clinicId</c>. A wrong value is a rejection naming its parameter.
/// </summary>
internal static class OutcomeReportQuery
{
    public static (OutcomeReportFilter? Filter, Rejection? Why) Read(string? procedureType, string? etiology, string? from, string? to)
    {
        ProcedureType? type = null;
        if (procedureType is not null)
        {
            if (!ProcedureTypeCodes.Wire.TryParse(procedureType, out var parsed))
                return (null, Rejection.Invalid("procedureType", $"'{Short(procedureType)}' is not a procedure type: use vertebroplasty or kyphoplasty."));
            type = parsed;
        }
        Etiology? cause = null;
        if (etiology is not null)
        {
            if (!EtiologyCodes.Wire.TryParse(etiology, out var parsed))
                return (null, Rejection.Invalid("etiology", $"'{Short(etiology)}' is not an etiology: use osteoporotic, malignant, traumatic or other."));
            cause = parsed;
        }
        if (Month(from, "from") is { Why: { } fromWhy }) return (null, fromWhy);
        if (Month(to, "to") is { Why: { } toWhy }) return (null, toWhy);
        var (fromMonth, toMonth) = (Month(from, "from").Month, Month(to, "to").Month);
        if (fromMonth > toMonth)
            return (null, Rejection.Invalid("to", $"'to' ({toMonth:yyyy-MM}) is before 'from' ({fromMonth:yyyy-MM})."));
        return (new OutcomeReportFilter(type, cause, fromMonth, toMonth), null);
    }

    /// <summary>The first day of the month <paramref name="text"/> falls in, from <c>yyyy-MM-dd</c> or <c>yyyy-MM</c>.</summary>
    private static (DateOnly? Month, Rejection? Why) Month(string? text, string field)
    {
        if (text is null) return (null, null);
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (new DateOnly(date.Year, date.Month, 1), null);
        return (null, Rejection.Invalid(field, $"'{Short(text)}' is not a date: use yyyy-MM-dd or yyyy-MM (whole months are reported)."));
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

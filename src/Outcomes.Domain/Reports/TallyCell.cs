using System.Globalization;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Reports;

/// <summary>
/// The unit reports are summed from (ARCHITECTURE §4): one clinic's procedures of one type and etiology done in one
/// calendar month. A report over any filter sums a few hundred of these, however many answers they hold.
/// </summary>
public sealed record TallyCell(ProcedureType ProcedureType, Etiology Etiology, int Year, int Month)
{
    public static TallyCell Of(ProcedureRegistration r) => new(r.ProcedureType, r.Etiology, r.ProcedureDate.Year, r.ProcedureDate.Month);

    /// <summary>"2026-03".</summary>
    public string MonthCode => $"{Year:D4}-{Month:D2}";

    /// <summary>"2026-03_vertebroplasty_osteoporotic": sorts by month, so a date filter is a key range.</summary>
    public string Code => $"{MonthCode}_{ProcedureType.ToWire()}_{Etiology.ToWire()}";

    public static bool TryParse(string code, out TallyCell cell)
    {
        cell = null!;
        var parts = code.Split('_');
        if (parts.Length != 3 || !DateOnly.TryParseExact(parts[0] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || !ProcedureTypeCodes.Wire.TryParse(parts[1], out var type) || !EtiologyCodes.Wire.TryParse(parts[2], out var etiology))
            return false;
        cell = new TallyCell(type, etiology, month.Year, month.Month);
        return true;
    }

    public DateOnly FirstDay => new(Year, Month, 1);
}

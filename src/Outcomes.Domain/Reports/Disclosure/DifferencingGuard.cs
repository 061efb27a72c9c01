using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Reports.Disclosure;

/// <summary>
/// Small-cell suppression that holds against differencing, for analysts' views (threshold rule with complementary
/// suppression). A family of figures is shown in a view only if it rests on at least the minimum of distinct patients
/// and, for every narrower view an analyst can ask for inside it — one clinic, one procedure type, one etiology, a
/// shorter run of whole years, or any mix of these — that shows the family too, what lies between the two is empty or
/// rests on at least the minimum. So no two views an analyst can request, one inside the other, both show a figure that
/// differs by a group of 1 to 4 patients: of such a pair, the wider one withholds it. (A narrower view that withholds
/// the family cannot be subtracted, so it does not hold the wider one back.) Views that only overlap subtract to the
/// difference of two unknown groups. Analysts' dates are whole calendar years
/// (<see cref="OutcomeReportFilter.InWholeYears"/>), which keeps the narrower views few and wide. What this guards is
/// any two requests; three or more (a total less all but one of its parts) can still isolate a small part, which needs
/// complementary suppression across each partition, not done yet.
/// </summary>
/// <remarks>
/// Whether a narrower view shows a family is decided by the same rule, from the narrowest up, so it is what that view
/// answers when asked for on its own. The work grows with the clinics, the years to the fourth power (runs inside
/// runs) and the combinations of type and etiology, never with the answers.
/// </remarks>
public sealed class DifferencingGuard
{
    // "all", then each value
    private static readonly int Types = Enum.GetValues<ProcedureType>().Length + 1, Etiologies = Enum.GetValues<Etiology>().Length + 1;

    private readonly HashSet<(string?, string)> shown = [];

    private DifferencingGuard() { }

    /// <summary>Whether the view shows the family.</summary>
    public bool Shows(string family) => shown.Contains((null, family));

    /// <summary>Whether the view narrowed to one of its clinics would show the family.</summary>
    public bool ShowsFor(string clinicId, string family) => shown.Contains((clinicId, family));

    /// <summary>The families shown in the view made of <paramref name="cells"/> (each at its clinic's date), and in each of its clinics alone.</summary>
    public static DifferencingGuard For(IEnumerable<CellTallies> cells, ClinicDates today, Suppression rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var list = cells.ToList();
        var clinics = list.Select(c => c.ClinicId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var years = list.Select(c => c.Cell.Year).Distinct().Order().ToList();
        var guard = new DifferencingGuard();
        if (years.Count == 0)
            return guard;
        var views = new Views(clinics.Count + 1, years.Count);
        foreach (var cell in list)
            views.Add(1 + clinics.IndexOf(cell.ClinicId), 1 + (int)cell.Cell.ProcedureType, 1 + (int)cell.Cell.Etiology, years.IndexOf(cell.Cell.Year),
                FigureFamily.BasesOf(cell, today.Of(cell.ClinicId)));

        for (var f = 0; f < FigureFamily.All.Count; f++)
        {
            var shows = views.Shown(f, rule);
            for (var clinic = 0; clinic <= clinics.Count; clinic++)
                if (shows[views.Id(clinic, 0, 0, 0, years.Count - 1)])
                    guard.shown.Add((clinic == 0 ? null : clinics[clinic - 1], FigureFamily.All[f]));
        }
        return guard;
    }

    /// <summary>
    /// Every view inside the cells by index: clinic, type and etiology (0 = all, else 1 + the clinic's place or the
    /// value) and a run of years (first and last index), with each family's basis summed per year.
    /// </summary>
    private sealed class Views(int clinics, int years)
    {
        private readonly FigureBasis[,,,,] byYear = new FigureBasis[clinics, Types, Etiologies, years, FigureFamily.All.Count];

        public int Count => clinics * Types * Etiologies * years * years;

        public int Id(int clinic, int type, int etiology, int first, int last) =>
            (((clinic * Types + type) * Etiologies + etiology) * years + first) * years + last;

        public void Add(int clinic, int type, int etiology, int year, FigureBasis[] bases)
        {
            foreach (var c in new[] { 0, clinic })
            foreach (var t in new[] { 0, type })
            foreach (var e in new[] { 0, etiology })
                for (var f = 0; f < bases.Length; f++)
                    byYear[c, t, e, year, f] += bases[f];
        }

        /// <summary>Which views show family <paramref name="f"/>, deciding each after every view inside it.</summary>
        public bool[] Shown(int f, Suppression rule)
        {
            var basis = new FigureBasis[Count];
            for (var c = 0; c < clinics; c++)
            for (var t = 0; t < Types; t++)
            for (var e = 0; e < Etiologies; e++)
            for (var first = 0; first < years; first++)
            {
                var sum = default(FigureBasis);
                for (var last = first; last < years; last++)
                    basis[Id(c, t, e, first, last)] = sum += byYear[c, t, e, last, f];
            }

            var shown = new bool[Count];
            foreach (var (c, t, e, first, last) in byBreadth)
            {
                var id = Id(c, t, e, first, last);
                var outer = basis[id];
                shown[id] = !rule.Suppresses(Math.Max(0, outer.Patients)) && NoneInsideTooClose(c, t, e, first, last, outer);
            }
            return shown;

            // A view inside that shows the family, and leaves out something (fewer contributions) resting on too few
            // patients. A view holds at least the patients of any view inside it, so a branch whose widest view is
            // already at least the minimum short of the outer view is skipped whole.
            bool NoneInsideTooClose(int c, int t, int e, int first, int last, FigureBasis outer)
            {
                var far = outer.Patients - rule.MinimumPatients;
                var (c0, c1) = c == 0 ? (0, clinics - 1) : (c, c);
                var (t0, t1) = t == 0 ? (0, Types - 1) : (t, t);
                var (e0, e1) = e == 0 ? (0, Etiologies - 1) : (e, e);
                for (var ci = c0; ci <= c1; ci++)
                {
                    if (basis[Id(ci, t, e, first, last)].Patients <= far) continue;
                    for (var ti = t0; ti <= t1; ti++)
                    {
                        if (basis[Id(ci, ti, e, first, last)].Patients <= far) continue;
                        for (var ei = e0; ei <= e1; ei++)
                        {
                            if (basis[Id(ci, ti, ei, first, last)].Patients <= far) continue;
                            for (var a = first; a <= last; a++)
                            {
                                if (basis[Id(ci, ti, ei, a, last)].Patients <= far) continue;
                                for (var b = a; b <= last; b++)
                                {
                                    var inner = Id(ci, ti, ei, a, b);
                                    if (shown[inner] && basis[inner].Contributions < outer.Contributions && basis[inner].Patients > far)
                                        return false;
                                }
                            }
                        }
                    }
                }
                return true;
            }
        }

        /// <summary>Every view, each after every view inside it (fewer "all"s first, then shorter runs of years).</summary>
        private readonly List<(int, int, int, int, int)> byBreadth = (
            from c in Enumerable.Range(0, clinics)
            from t in Enumerable.Range(0, Types)
            from e in Enumerable.Range(0, Etiologies)
            from first in Enumerable.Range(0, years)
            from last in Enumerable.Range(first, years - first)
            orderby (c == 0 ? 1 : 0) + (t == 0 ? 1 : 0) + (e == 0 ? 1 : 0), last - first
            select (c, t, e, first, last)).ToList();
    }
}

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
/// (<see cref="OutcomeReportFilter.InWholeYears"/>), which keeps the narrower views few and wide.
/// </summary>
/// <remarks>
/// Whether a narrower view shows a family is decided by the same rule, from the narrowest up, so it is what that view
/// answers when asked for on its own. The work grows with the clinics, the years squared and the combinations of type
/// and etiology, never with the answers.
/// </remarks>
public sealed class DifferencingGuard
{
    private static readonly ProcedureType?[] Types = [null, .. Enum.GetValues<ProcedureType>().Cast<ProcedureType?>()];
    private static readonly Etiology?[] Etiologies = [null, .. Enum.GetValues<Etiology>().Cast<Etiology?>()];

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
        var clinics = new List<string?> { null };
        clinics.AddRange(list.Select(c => c.ClinicId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var years = list.Select(c => c.Cell.Year).Distinct().Order().ToList();
        var views = new Views(clinics, years);
        foreach (var cell in list)
            views.Add(cell, FigureFamily.BasesOf(cell, today.Of(cell.ClinicId)));

        var guard = new DifferencingGuard();
        var order = views.All().OrderBy(v => v.Breadth).ToList();
        for (var f = 0; f < FigureFamily.All.Count; f++)
        {
            var shows = new HashSet<View>();
            foreach (var view in order)
            {
                var basis = views.Basis(view, f);
                if (!rule.Suppresses(Math.Max(0, basis.Patients))
                    && views.Inside(view).Where(shows.Contains).All(inner => views.Basis(inner, f) is var part
                        && (basis - part) is var between && (between.Contributions == 0 || !rule.Suppresses(Math.Max(0, between.Patients)))))
                    shows.Add(view);
            }
            for (var clinic = 0; clinic < clinics.Count; clinic++)
                if (shows.Contains(new View(clinic, 0, 0, 0, years.Count - 1)))
                    guard.shown.Add((clinics[clinic], FigureFamily.All[f]));
        }
        return guard;
    }

    /// <summary>A view by index: clinic, type and etiology (0 = all) and a run of years (first and last index).</summary>
    private readonly record struct View(int Clinic, int Type, int Etiology, int FromYear, int ToYear)
    {
        /// <summary>Orders views so that every view inside another comes before it.</summary>
        public int Breadth => ((Clinic == 0 ? 1 : 0) + (Type == 0 ? 1 : 0) + (Etiology == 0 ? 1 : 0)) * 1000 + ToYear - FromYear;
    }

    /// <summary>Every view inside the cells, with each family's basis summed per year (running sums, so a run of years is one subtraction).</summary>
    private sealed class Views(List<string?> clinics, List<int> years)
    {
        private readonly Dictionary<(int, int, int), FigureBasis[][]> byYear = [];

        public void Add(CellTallies cell, FigureBasis[] bases)
        {
            var year = years.IndexOf(cell.Cell.Year);
            int[] clinic = [0, clinics.IndexOf(cell.ClinicId)], type = [0, Array.IndexOf(Types, cell.Cell.ProcedureType)],
                etiology = [0, Array.IndexOf(Etiologies, cell.Cell.Etiology)];
            foreach (var c in clinic.Distinct())
            foreach (var t in type)
            foreach (var e in etiology)
            {
                if (!byYear.TryGetValue((c, t, e), out var sums))
                    byYear[(c, t, e)] = sums = Enumerable.Range(0, years.Count).Select(_ => new FigureBasis[FigureFamily.All.Count]).ToArray();
                for (var f = 0; f < bases.Length; f++)
                    sums[year][f] += bases[f];
            }
        }

        public FigureBasis Basis(View view, int family)
        {
            if (!byYear.TryGetValue((view.Clinic, view.Type, view.Etiology), out var sums))
                return default;
            var total = default(FigureBasis);
            for (var y = view.FromYear; y <= view.ToYear; y++)
                total += sums[y][family];
            return total;
        }

        public IEnumerable<View> All() =>
            from c in Enumerable.Range(0, clinics.Count)
            from t in Enumerable.Range(0, Types.Length)
            from e in Enumerable.Range(0, Etiologies.Length)
            from first in Enumerable.Range(0, years.Count)
            from last in Enumerable.Range(first, years.Count - first)
            where byYear.ContainsKey((c, t, e))
            select new View(c, t, e, first, last);

        /// <summary>The views strictly inside <paramref name="view"/>.</summary>
        public IEnumerable<View> Inside(View view) =>
            from c in view.Clinic == 0 ? Enumerable.Range(0, clinics.Count) : [view.Clinic]
            from t in view.Type == 0 ? Enumerable.Range(0, Types.Length) : [view.Type]
            from e in view.Etiology == 0 ? Enumerable.Range(0, Etiologies.Length) : [view.Etiology]
            from first in Enumerable.Range(view.FromYear, view.ToYear - view.FromYear + 1)
            from last in Enumerable.Range(first, view.ToYear - first + 1)
            let inner = new View(c, t, e, first, last)
            where inner != view && byYear.ContainsKey((c, t, e))
            select inner;
    }
}

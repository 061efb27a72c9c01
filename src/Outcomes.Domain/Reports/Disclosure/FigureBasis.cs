using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Reports.Disclosure;

/// <summary>
/// What the figures of one family rest on in some cells: how many things they count (procedures, surveys due, answers)
/// and at least how many distinct patients those come from. <see cref="Patients"/> is never more than there are: a
/// patient is counted once per clinic, in one cell, so the cells' counts add up across any selection of cells.
/// </summary>
public readonly record struct FigureBasis(int Contributions, int Patients)
{
    public static FigureBasis operator +(FigureBasis a, FigureBasis b) => new(a.Contributions + b.Contributions, a.Patients + b.Patients);

    public static FigureBasis operator -(FigureBasis a, FigureBasis b) => new(a.Contributions - b.Contributions, a.Patients - b.Patients);
}

/// <summary>
/// The families of figures a report shows, each resting on its own basis: the cohort (patients, procedures, vertebrae,
/// baseline, new fractures), the patients followed up (the new-fracture shares), the patients followed for 30 days
/// (mortality), and per time point the surveys due, the answers, the answers to the medication question and the
/// answers whose baseline was above 0 (improved by 30%).
/// </summary>
public static class FigureFamily
{
    public const string Cohort = "cohort";
    public const string FollowedUp = "followed-up";
    public const string ThirtyDays = "30-day";

    public static string Due(string timePoint) => $"{timePoint}.due";

    public static string Answers(string timePoint) => $"{timePoint}.answers";

    public static string Medication(string timePoint) => $"{timePoint}.medication";

    public static string AboveZeroBaseline(string timePoint) => $"{timePoint}.above-zero-baseline";

    public static readonly IReadOnlyList<string> All =
    [
        Cohort, FollowedUp, ThirtyDays,
        .. TimePoint.All.SelectMany(t => new[] { Due(t.Code), Answers(t.Code), Medication(t.Code), AboveZeroBaseline(t.Code) }),
    ];

    /// <summary>Patients are followed up once their first survey (one week) has come due.</summary>
    public static readonly int FollowedUpAfterDays = 7;

    /// <summary>Each family's basis in one cell, at the clinic's <paramref name="today"/>, in the order of <see cref="All"/>.</summary>
    public static FigureBasis[] BasesOf(CellTallies cell, DateOnly today)
    {
        var cohort = cell.Cohort;
        var followedUp = CellCalendar.PatientsFollowedFor(cell, FollowedUpAfterDays, today);
        var thirtyDays = CellCalendar.PatientsFollowedFor(cell, CohortTally.DeathWindowDays, today);
        var bases = new FigureBasis[All.Count];
        // The shares' numerators (new fractures, early deaths) may sit in a cell that counts none of their patients, so
        // they count as contributions too: a narrower view without them is then never taken for the same view.
        var fractures = cohort.PatientsWithNewFracture + cohort.PatientsWithAnyNewFracture;
        (bases[0], bases[1], bases[2]) = (new(cohort.Procedures, cohort.Patients), new(followedUp + fractures, followedUp),
            new(thirtyDays + CellCalendar.EarlyDeaths(cell, today), thirtyDays));
        var next = 3;
        foreach (var timePoint in TimePoint.All)
        {
            var (due, patientsDue) = CellCalendar.DueWithPatients(cell, timePoint, today);
            bases[next++] = new(due, patientsDue);
            if (cell.TimePoints.GetValueOrDefault(timePoint.Code) is not { } tally)
            {
                next += 3;
                continue;
            }
            // Patients answering, never more than the answers kept (an answer excluded later leaves its patient counted);
            // answers beyond each such patient's first: no subset of the answers has more repeats than these.
            var observations = tally.Pain.Sum();
            var patients = Math.Min(tally.Patients, observations);
            var repeats = observations - patients;
            bases[next++] = new(tally.Answered, patients);
            bases[next++] = new(tally.MedicationAnswers, Math.Max(0, tally.MedicationAnswers - repeats));
            bases[next++] = new(tally.AnswersAboveZeroBaseline, Math.Max(0, tally.AnswersAboveZeroBaseline - repeats));
        }
        return bases;
    }
}

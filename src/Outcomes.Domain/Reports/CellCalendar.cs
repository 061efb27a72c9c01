using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Reports;

/// <summary>
/// What of a cell has come about by a clinic's today, by the calendar and not by when the timer last ran: the surveys
/// due (window opened, and not cancelled before it opened), the patients followed for so many days, the early deaths
/// that can be counted. The cell keeps its procedures, patients and early deaths by day of the month for this.
/// </summary>
public static class CellCalendar
{
    /// <summary>
    /// Surveys of <paramref name="timePoint"/> due by <paramref name="today"/>: every procedure whose window has opened,
    /// less those cancelled before their window opened (a death, withdrawal or opt-out before it).
    /// </summary>
    public static int Due(CellTallies cell, TimePoint timePoint, DateOnly today) => DueWithPatients(cell, timePoint, today).Surveys;

    /// <summary>
    /// The surveys due (<see cref="Due"/>), and at least how many distinct patients have one: the patients counted in
    /// the cell whose earliest procedure's window has opened, less every survey of the cell cancelled before its window.
    /// </summary>
    public static (int Surveys, int PatientsAtLeast) DueWithPatients(CellTallies cell, TimePoint timePoint, DateOnly today)
    {
        var opened = OpenedDays(cell.Cell, timePoint, today);
        var notDue = SumOfFirst(cell.TimePoints.GetValueOrDefault(timePoint.Code)?.NotDueByDay, opened);
        return (SumOfFirst(cell.Cohort.ProceduresByDay, opened) - notDue, Math.Max(0, SumOfFirst(cell.Cohort.PatientsByDay, opened) - notDue));
    }

    /// <summary>Patients counted in the cell whose earliest procedure was at least <paramref name="days"/> days before <paramref name="today"/>.</summary>
    public static int PatientsFollowedFor(CellTallies cell, int days, DateOnly today) =>
        SumOfFirst(cell.Cohort.PatientsByDay, DaysAtLeast(cell.Cell, days, today));

    /// <summary>Patients who died within 30 days after a procedure of the cell done at least 30 days before <paramref name="today"/>.</summary>
    public static int EarlyDeaths(CellTallies cell, DateOnly today) =>
        SumOfFirst(cell.Cohort.EarlyDeathPatientsByDay, DaysAtLeast(cell.Cell, CohortTally.DeathWindowDays, today));

    /// <summary>
    /// How many of the month's first days have their window of <paramref name="timePoint"/> open by <paramref name="today"/>
    /// (a window opens no earlier for a later procedure, so they are the first ones).
    /// </summary>
    private static int OpenedDays(TallyCell cell, TimePoint timePoint, DateOnly today)
    {
        int opened = 0, unopened = DateTime.DaysInMonth(cell.Year, cell.Month) + 1;
        while (unopened - opened > 1)
        {
            var day = (opened + unopened) / 2;
            if (timePoint.DueAfter(new DateOnly(cell.Year, cell.Month, day)) <= today) opened = day;
            else unopened = day;
        }
        return opened;
    }

    /// <summary>How many of the month's first days are at least <paramref name="days"/> days before <paramref name="today"/>.</summary>
    private static int DaysAtLeast(TallyCell cell, int days, DateOnly today) =>
        Math.Clamp(today.DayNumber - days - cell.FirstDay.DayNumber + 1, 0, DateTime.DaysInMonth(cell.Year, cell.Month));

    private static int SumOfFirst(int[]? byDay, int days)
    {
        var sum = 0;
        for (var i = 0; i < Math.Min(days, byDay?.Length ?? 0); i++)
            sum += byDay![i];
        return sum;
    }
}

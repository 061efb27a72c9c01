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
    public static int Due(CellTallies cell, TimePoint timePoint, DateOnly today)
    {
        var notDue = cell.TimePoints.GetValueOrDefault(timePoint.Code)?.NotDueByDay;
        return Opened(cell.Cell, timePoint, today).Sum(day => cell.Cohort.ProceduresByDay[day] - (notDue?[day] ?? 0));
    }

    /// <summary>
    /// At least how many distinct patients have a survey of <paramref name="timePoint"/> due: the patients counted in the
    /// cell whose earliest procedure's window has opened, less every survey of the cell cancelled before its window.
    /// </summary>
    public static int PatientsDueAtLeast(CellTallies cell, TimePoint timePoint, DateOnly today)
    {
        var notDue = cell.TimePoints.GetValueOrDefault(timePoint.Code)?.NotDueByDay;
        var opened = Opened(cell.Cell, timePoint, today).ToList();
        return Math.Max(0, opened.Sum(day => cell.Cohort.PatientsByDay[day]) - opened.Sum(day => notDue?[day] ?? 0));
    }

    /// <summary>Patients counted in the cell whose earliest procedure was at least <paramref name="days"/> days before <paramref name="today"/>.</summary>
    public static int PatientsFollowedFor(CellTallies cell, int days, DateOnly today) =>
        DaysAtLeast(cell.Cell, days, today).Sum(day => cell.Cohort.PatientsByDay[day]);

    /// <summary>Patients who died within 30 days after a procedure of the cell done at least 30 days before <paramref name="today"/>.</summary>
    public static int EarlyDeaths(CellTallies cell, DateOnly today) =>
        DaysAtLeast(cell.Cell, CohortTally.DeathWindowDays, today).Sum(day => cell.Cohort.EarlyDeathPatientsByDay[day]);

    /// <summary>The days of the cell's month (index = day − 1) whose procedures' window of <paramref name="timePoint"/> has opened by <paramref name="today"/>.</summary>
    private static IEnumerable<int> Opened(TallyCell cell, TimePoint timePoint, DateOnly today) =>
        Days(cell).Where(date => timePoint.DueAfter(date) <= today).Select(date => date.Day - 1);

    private static IEnumerable<int> DaysAtLeast(TallyCell cell, int days, DateOnly today) =>
        Days(cell).Where(date => today.DayNumber - date.DayNumber >= days).Select(date => date.Day - 1);

    private static IEnumerable<DateOnly> Days(TallyCell cell) =>
        Enumerable.Range(1, DateTime.DaysInMonth(cell.Year, cell.Month)).Select(day => new DateOnly(cell.Year, cell.Month, day));
}

using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>
/// One cell's cohort and safety counts: procedures, vertebrae, patients (counted in the cell of their earliest procedure
/// at the clinic, <see cref="PatientCell"/>), baseline pain and medication, deaths within 30 days, new vertebral fractures.
/// Procedures, patients and early deaths are also kept by day of the month, so what has come due by a date (a survey's
/// window, 30 days of follow-up) is exact at any date in the clinic's calendar.
/// </summary>
public sealed class CohortTally
{
    public const int DeathWindowDays = 30;

    public int Procedures { get; set; }
    public int Vertebrae { get; set; }
    public int Patients { get; set; }
    public int[] BaselinePain { get; set; } = new int[PainScore.Max + 1];
    public int BaselineAnyMedication { get; set; }
    public int BaselineOpioid { get; set; }
    /// <summary>Procedures by day of the month: index = day − 1.</summary>
    public int[] ProceduresByDay { get; set; } = new int[31];
    /// <summary>The patients counted here (<see cref="Patients"/>), by the day of the month of their earliest procedure.</summary>
    public int[] PatientsByDay { get; set; } = new int[31];
    /// <summary>
    /// Patients who died within 30 days after one of their procedures, each patient once, in the cell of that procedure
    /// and by its day of the month.
    /// </summary>
    public int[] EarlyDeathPatientsByDay { get; set; } = new int[31];
    /// <summary>
    /// Patients with one or more new vertebral fractures reported (each patient once, in the cell of the procedure the
    /// first report was made on), and the fractures reported.
    /// </summary>
    public int PatientsWithNewFracture { get; set; }
    public int NewFractures { get; set; }
    /// <summary>Patients who answered "yes, a new fracture" on a survey; those who answered "unsure" (each patient once).</summary>
    public int PatientsReportingNewFracture { get; set; }
    public int PatientsUnsureOfNewFracture { get; set; }
    /// <summary>Patients with a new fracture recorded by the clinic or reported by themselves ("yes"), each once.</summary>
    public int PatientsWithAnyNewFracture { get; set; }

    public void AddProcedure(ProcedureRegistration r, bool firstOfPatient)
    {
        Procedures++;
        Vertebrae += r.Levels.Count;
        if (firstOfPatient) MovePatient(r.ProcedureDate, +1);
        BaselinePain[r.Baseline.Pain.Value]++;
        if (r.Baseline.Medications.Any(m => m != Medication.None)) BaselineAnyMedication++;
        if (r.Baseline.Medications.Any(m => m is Medication.WeakOpioid or Medication.StrongOpioid)) BaselineOpioid++;
        ProceduresByDay[r.ProcedureDate.Day - 1]++;
    }

    /// <summary>Counts (<paramref name="by"/> = 1) or uncounts (−1) a patient whose earliest procedure is on <paramref name="procedureDate"/>.</summary>
    public void MovePatient(DateOnly procedureDate, int by)
    {
        Patients += by;
        PatientsByDay[procedureDate.Day - 1] += by;
    }

    /// <summary>Whether a death on <paramref name="died"/> is within 30 days after a procedure on <paramref name="procedureDate"/>.</summary>
    public static bool IsEarlyDeath(DateOnly procedureDate, DateOnly died) =>
        died >= procedureDate && died.DayNumber - procedureDate.DayNumber <= DeathWindowDays;

    /// <summary>A patient who died within 30 days after a procedure on <paramref name="procedureDate"/> (in this cell).</summary>
    public void AddEarlyDeath(DateOnly procedureDate) => EarlyDeathPatientsByDay[procedureDate.Day - 1]++;

    /// <summary>A new fracture report: the fractured levels when given, else one fracture.</summary>
    public void AddNewFractures(int levels) => NewFractures += Math.Max(1, levels);

    /// <summary>Adds another cell's counts to these (a report sums its cells).</summary>
    public void Add(CohortTally cell)
    {
        Procedures += cell.Procedures;
        Vertebrae += cell.Vertebrae;
        Patients += cell.Patients;
        PatientsReportingNewFracture += cell.PatientsReportingNewFracture;
        PatientsUnsureOfNewFracture += cell.PatientsUnsureOfNewFracture;
        PatientsWithAnyNewFracture += cell.PatientsWithAnyNewFracture;
        AddBins(BaselinePain, cell.BaselinePain);
        BaselineAnyMedication += cell.BaselineAnyMedication;
        BaselineOpioid += cell.BaselineOpioid;
        AddBins(ProceduresByDay, cell.ProceduresByDay);
        AddBins(PatientsByDay, cell.PatientsByDay);
        AddBins(EarlyDeathPatientsByDay, cell.EarlyDeathPatientsByDay);
        PatientsWithNewFracture += cell.PatientsWithNewFracture;
        NewFractures += cell.NewFractures;
    }

    /// <summary>Adds bin by bin; a stored row shorter than the sum (an older, narrower shape) adds what it has.</summary>
    internal static void AddBins(int[] sum, int[] cell)
    {
        for (var i = 0; i < Math.Min(sum.Length, cell.Length); i++)
            sum[i] = checked(sum[i] + cell[i]);
    }
}

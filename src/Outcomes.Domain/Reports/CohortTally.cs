using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>
/// One cell's cohort and safety counts: procedures, vertebrae, patients (counted in the cell of their earliest procedure
/// at the clinic, <see cref="PatientCell"/>), baseline pain and medication, deaths within 30 days, new vertebral fractures. Procedures and early deaths
/// are also kept by day of the month, so "procedures with 30 days of follow-up" is exact at any date.
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
    /// <summary>Deaths within 30 days of the procedure, by the procedure's day of the month.</summary>
    public int[] EarlyDeathsByDay { get; set; } = new int[31];
    public int Deaths { get; set; }
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
        if (firstOfPatient) Patients++;
        BaselinePain[r.Baseline.Pain.Value]++;
        if (r.Baseline.Medications.Any(m => m != Medication.None)) BaselineAnyMedication++;
        if (r.Baseline.Medications.Any(m => m is Medication.WeakOpioid or Medication.StrongOpioid)) BaselineOpioid++;
        ProceduresByDay[r.ProcedureDate.Day - 1]++;
    }

    public void AddDeath(DateOnly procedureDate, DateOnly died)
    {
        Deaths++;
        if (died.DayNumber - procedureDate.DayNumber <= DeathWindowDays) EarlyDeathsByDay[procedureDate.Day - 1]++;
    }

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
        AddBins(EarlyDeathsByDay, cell.EarlyDeathsByDay);
        Deaths += cell.Deaths;
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

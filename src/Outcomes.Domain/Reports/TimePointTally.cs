using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>
/// One cell's counts for one time point. Follow-ups are counted by where they stand (open, answered, missed, cancelled;
/// pending ones not yet; what is due comes from the calendar, <see cref="CellCalendar"/>), answers as histograms of pain (0–10) and of the change from baseline (−10..+10), from which
/// n, mean, SD, quartiles and intervals come exactly. Every change is applied once (the store keeps a marker per change).
/// </summary>
public sealed class TimePointTally
{
    public const int ChangeOffset = 10;

    public int Open { get; set; }
    public int Answered { get; set; }
    public int Missed { get; set; }
    public int Cancelled { get; set; }
    /// <summary>Answers by pain score: index = score.</summary>
    public int[] Pain { get; set; } = new int[PainScore.Max + 1];
    /// <summary>Answers by change from baseline (answer − baseline): index = change + <see cref="ChangeOffset"/>.</summary>
    public int[] Change { get; set; } = new int[2 * ChangeOffset + 1];
    /// <summary>
    /// The change histogram again, split by baseline pain band (<see cref="BaselineBand"/>): what case-mix adjustment
    /// (indirect standardisation by procedure type, etiology and baseline band) needs.
    /// </summary>
    public int[][] ChangeByBaselineBand { get; set; } = [new int[2 * ChangeOffset + 1], new int[2 * ChangeOffset + 1], new int[2 * ChangeOffset + 1]];
    /// <summary>Answers at least 2 points below the baseline.</summary>
    public int ImprovedTwoPoints { get; set; }
    /// <summary>Answers at least 30% below a baseline above 0.</summary>
    public int ImprovedThirtyPercent { get; set; }
    /// <summary>Answers whose baseline was above 0: those that could improve by 30% (its share's denominator).</summary>
    public int AnswersAboveZeroBaseline { get; set; }
    /// <summary>Answers that said which pain medication is taken; of them, any (not "none"), and an opioid.</summary>
    public int MedicationAnswers { get; set; }
    public int AnyMedication { get; set; }
    public int Opioid { get; set; }
    /// <summary>Answers to the new-fracture question; of them, "yes".</summary>
    public int NewFractureAnswers { get; set; }
    public int NewFractureYes { get; set; }
    /// <summary>
    /// Patients whose answers are counted here, each patient once per clinic and time point (in the cell of the first of
    /// their answers counted): what small-cell suppression counts.
    /// </summary>
    public int Patients { get; set; }
    /// <summary>
    /// Follow-ups cancelled (death, withdrawal, opt-out) before their window opened, by their procedure's day of the
    /// month: never due. The rest of the cell's procedures are due once their window opens (<see cref="CellCalendar"/>).
    /// </summary>
    public int[] NotDueByDay { get; set; } = new int[31];

    /// <summary>Moves one follow-up from where it was counted (null: not yet) to where it stands now.</summary>
    public void Move(FollowUpStatus from, FollowUpStatus to)
    {
        Count(from, -1);
        Count(to, +1);
    }

    public void AddAnswer(PainScore baseline, SurveyAnswers answers) => CountAnswer(baseline, answers, +1);

    /// <summary>Takes back an answer added before (one not kept among the outcomes after all).</summary>
    public void RemoveAnswer(PainScore baseline, SurveyAnswers answers) => CountAnswer(baseline, answers, -1);

    private void CountAnswer(PainScore baseline, SurveyAnswers answers, int by)
    {
        var pain = answers.Pain.Value;
        Pain[pain] += by;
        var change = pain - baseline.Value;
        Change[change + ChangeOffset] += by;
        ChangeByBaselineBand[BaselineBand(baseline)][change + ChangeOffset] += by;
        if (change <= -2) ImprovedTwoPoints += by;
        if (baseline.Value > 0) AnswersAboveZeroBaseline += by;
        if (baseline.Value > 0 && -10 * change >= 3 * baseline.Value) ImprovedThirtyPercent += by;
        if (answers.Medications is { } medications)
        {
            MedicationAnswers += by;
            if (medications.Any(m => m != Medication.None)) AnyMedication += by;
            if (medications.Any(m => m is Medication.WeakOpioid or Medication.StrongOpioid)) Opioid += by;
        }
        if (answers.NewFracture is { } fracture)
        {
            NewFractureAnswers += by;
            if (fracture == NewFractureAnswer.Yes) NewFractureYes += by;
        }
    }

    private void Count(FollowUpStatus status, int by)
    {
        switch (status)
        {
            case FollowUpStatus.Invited or FollowUpStatus.Reminded: Open += by; break;
            case FollowUpStatus.Answered: Answered += by; break;
            case FollowUpStatus.Missed: Missed += by; break;
            case FollowUpStatus.Cancelled: Cancelled += by; break;
        }
    }

    /// <summary>Baseline pain bands: 0 = mild (0–3), 1 = moderate (4–6), 2 = severe (7–10).</summary>
    public static int BaselineBand(PainScore baseline) => baseline.Value switch { <= 3 => 0, <= 6 => 1, _ => 2 };

    /// <summary>The status a tally counts a follow-up under: invited and reminded are both open.</summary>
    public static string StateOf(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Invited or FollowUpStatus.Reminded => "open",
        _ => status.ToWire(),
    };

    /// <summary>Adds another cell's counts to these (a report sums its cells).</summary>
    public void Add(TimePointTally cell)
    {
        Open += cell.Open;
        Answered += cell.Answered;
        Missed += cell.Missed;
        Cancelled += cell.Cancelled;
        CohortTally.AddBins(Pain, cell.Pain);
        CohortTally.AddBins(Change, cell.Change);
        for (var band = 0; band < Math.Min(ChangeByBaselineBand.Length, cell.ChangeByBaselineBand.Length); band++)
            CohortTally.AddBins(ChangeByBaselineBand[band], cell.ChangeByBaselineBand[band]);
        ImprovedTwoPoints += cell.ImprovedTwoPoints;
        ImprovedThirtyPercent += cell.ImprovedThirtyPercent;
        AnswersAboveZeroBaseline += cell.AnswersAboveZeroBaseline;
        MedicationAnswers += cell.MedicationAnswers;
        AnyMedication += cell.AnyMedication;
        Opioid += cell.Opioid;
        NewFractureAnswers += cell.NewFractureAnswers;
        NewFractureYes += cell.NewFractureYes;
        Patients += cell.Patients;
        CohortTally.AddBins(NotDueByDay, cell.NotDueByDay);
    }
}

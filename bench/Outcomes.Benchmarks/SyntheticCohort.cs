using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;

namespace Outcomes.Benchmarks;

/// <summary>One follow-up of a synthetic procedure: where it ended and, when answered, the answers.</summary>
internal readonly record struct FollowUpPlan(FollowUpStatus Status, int Pain, int Medications, int NewFracture);

/// <summary>One synthetic procedure: what a clinic registered and what became of its five follow-ups.</summary>
internal sealed record ProcedurePlan(
    int Clinic, int Sequence, DateOnly Date, ProcedureType Type, Etiology Etiology, int Levels, int BaselinePain, int BaselineMedications,
    bool FirstOfPatient, DateOnly? Died, bool NewFracture, FollowUpPlan[] FollowUps)
{
    /// <summary>Answers stored by the procedures generated before this one (generation order, all clinics).</summary>
    public int AnswersBefore { get; init; }

    public int Answers => FollowUps.Count(f => f.Status == FollowUpStatus.Answered);
}

/// <summary>What was generated: per clinic its procedures, and how many of the cells the cohort covers.</summary>
internal sealed record GeneratedCohort(IReadOnlyList<ProcedurePlan>[] Clinics, int Cells, int CellsCovered);

/// <summary>
/// A cohort shaped like a real one: clinics of different sizes, procedures spread over the <c>months</c> months before today,
/// both procedure types, four etiologies (mostly osteoporotic), one to three levels, baseline pain mostly severe, and
/// follow-ups answered about four times in five once due (the rest still open, or missed once their window closed; cancelled
/// after a death). Generated until exactly <c>responses</c> answers are stored. Same seed, same cohort; a smaller cohort is
/// the start of a larger one.
/// <para>
/// First, one procedure per cell (clinic × procedure month × type × etiology), dated on the earliest day of its month in
/// range, so that every cell, and every time point any later procedure of that cell can reach, exists at every size large
/// enough to hold them: the report then reads the same rows, with the same cells in them, at every size. Then procedures
/// at random.
/// </para>
/// </summary>
internal static class SyntheticCohort
{
    public const double AnswerRate = 0.8;

    /// <summary>Medication combinations answers draw from (index into this list).</summary>
    public static readonly string[][] MedicationChoices =
    [
        ["none"], ["paracetamol"], ["nsaid"], ["paracetamol", "nsaid"], ["weak_opioid"], ["paracetamol", "weak_opioid"], ["strong_opioid"],
    ];

    private static readonly string[] Levels = ["T10", "T11", "T12", "L1", "L2", "L3"];

    public static GeneratedCohort Generate(int clinics, int months, int responses, DateOnly today, int seed)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, clinics).Select(_ => 0.3 + random.NextDouble() * 1.7).ToArray();   // clinics differ in size
        var cumulative = new double[clinics];
        for (var (i, sum) = (0, 0.0); i < clinics; i++) cumulative[i] = sum += weights[i] / weights.Sum();
        var first = today.AddMonths(-months);
        var span = today.DayNumber - first.DayNumber;
        var perClinic = Enumerable.Range(0, clinics).Select(_ => new List<ProcedurePlan>()).ToArray();
        var answers = 0;
        void Add(ProcedurePlan plan)
        {
            if (answers + plan.Answers > responses)
                plan = plan with { FollowUps = Trim(plan.FollowUps, answers + plan.Answers - responses, plan, today) };
            perClinic[plan.Clinic].Add(plan with { AnswersBefore = answers });
            answers += plan.Answers;
        }

        // Every cell once, month by month (the earliest day of each month in range), round-robin over clinics, types, etiologies.
        var monthStarts = new List<DateOnly>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m < today; m = m.AddMonths(1))
            monthStarts.Add(m < first ? first : m);
        var cells = monthStarts.SelectMany(date => Enumerable.Range(0, clinics).SelectMany(clinic =>
            Enum.GetValues<ProcedureType>().SelectMany(type => Enum.GetValues<Etiology>().Select(etiology => (date, clinic, type, etiology))))).ToList();
        var covered = 0;
        foreach (var (date, clinic, type, etiology) in cells)
        {
            if (answers >= responses) break;
            Add(Next(random, clinic, perClinic[clinic].Count, date, today) with { Type = type, Etiology = etiology });
            covered++;
        }
        while (answers < responses)
        {
            var u = random.NextDouble();
            var clinic = Math.Min(clinics - 1, Array.FindIndex(cumulative, c => u <= c) is var found and >= 0 ? found : clinics - 1);
            Add(Next(random, clinic, perClinic[clinic].Count, DateOnly.FromDayNumber(first.DayNumber + random.Next(span)), today));
        }
        var ordered = perClinic.Select(p => (IReadOnlyList<ProcedurePlan>)p.OrderBy(x => x.Date).Select((x, i) => x with { Sequence = i }).ToList()).ToArray();
        return new GeneratedCohort(ordered, cells.Count, covered);
    }

    private static ProcedurePlan Next(Random random, int clinic, int sequence, DateOnly date, DateOnly today)
    {
        var type = random.NextDouble() < 0.6 ? ProcedureType.Vertebroplasty : ProcedureType.Kyphoplasty;
        var etiology = random.NextDouble() switch { < 0.75 => Etiology.Osteoporotic, < 0.9 => Etiology.Malignant, < 0.97 => Etiology.Traumatic, _ => Etiology.Other };
        var baseline = Math.Clamp((int)Math.Round(7.5 + 1.6 * Gaussian(random)), 0, 10);
        DateOnly? died = random.NextDouble() < 0.02 ? date.AddDays(random.Next(1, 400)) : null;
        if (died > today) died = null;
        var followUps = FollowUpSchedule.For(date).Select(f =>
        {
            if (f.Due > today) return new FollowUpPlan(FollowUpStatus.Pending, 0, 0, -1);
            if (died is { } d && f.Due > d) return new FollowUpPlan(FollowUpStatus.Cancelled, 0, 0, -1);
            if (random.NextDouble() < AnswerRate)
            {
                var improvement = f.TimePoint.Code switch   // pain falls over the first months, then levels off
                    { "1w" => 3.0, "1m" => 3.8, "3m" => 4.2, "6m" => 4.4, _ => 4.5 };
                var pain = Math.Clamp((int)Math.Round(baseline - improvement + 2.2 * Gaussian(random)), 0, 10);
                return new FollowUpPlan(FollowUpStatus.Answered, pain, random.Next(MedicationChoices.Length), random.Next(4) - 1);   // -1: not asked
            }
            return new FollowUpPlan(f.Window.Contains(today) ? FollowUpStatus.Invited : FollowUpStatus.Missed, 0, 0, -1);
        }).ToArray();
        return new ProcedurePlan(clinic, sequence, date, type, etiology, 1 + (random.NextDouble() < 0.3 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0),
            baseline, random.Next(MedicationChoices.Length), random.NextDouble() < 0.9, died, random.NextDouble() < 0.04, followUps);
    }

    /// <summary>The last procedure gives up answers beyond the target: those follow-ups end open or missed instead.</summary>
    private static FollowUpPlan[] Trim(FollowUpPlan[] followUps, int surplus, ProcedurePlan plan, DateOnly today)
    {
        var trimmed = followUps.ToArray();
        var schedule = FollowUpSchedule.For(plan.Date);
        for (var i = trimmed.Length - 1; i >= 0 && surplus > 0; i--)
            if (trimmed[i].Status == FollowUpStatus.Answered)
            {
                trimmed[i] = new FollowUpPlan(schedule[i].Window.Contains(today) ? FollowUpStatus.Invited : FollowUpStatus.Missed, 0, 0, -1);
                surplus--;
            }
        return trimmed;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The registration a clinic would post for the plan.</summary>
    public static ProcedureRegistration Registration(ProcedurePlan p, DateOnly today)
    {
        if (ProcedureRegistration.WhyNotProcedureDate(p.Date, today) is { } why)
            throw new InvalidOperationException($"The synthetic registration is refused: {why}");
        var levels = Levels.Skip(p.Sequence % (Levels.Length - p.Levels + 1)).Take(p.Levels)
            .Select(name => VertebralLevel.TryParse(name, out var level) ? level : throw new FormatException(name)).Order().ToList();
        var medications = MedicationChoices[p.BaselineMedications]
            .Select(code => MedicationCodes.Wire.TryParse(code, out var medication) ? medication : throw new FormatException(code)).ToList();
        return new ProcedureRegistration($"SYN-{p.Clinic:D2}-{p.Sequence:D7}", new PatientContact("patient@example.org", null, "en"), p.Type, p.Date,
            levels, p.Etiology, new Baseline(PainScore.From(p.BaselinePain), medications), ProcedureDetails.None);
    }
}

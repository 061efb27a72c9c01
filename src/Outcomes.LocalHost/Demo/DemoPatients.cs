using System.Globalization;

namespace Outcomes.LocalHost.Demo;

/// <summary>
/// One synthetic patient's procedure and what follows it. Pain falls after the procedure for most patients and stays near
/// its baseline for the rest; opioids taper off with the pain. Answers raise no worklist red flag by themselves: pain never
/// rises two points above the baseline or an earlier answer, a strong opioid is reported only by patients who took one at
/// baseline, and no answer reports a new fracture (<see cref="DemoRedFlags"/> places the few that do).
/// </summary>
internal static class DemoPatients
{
    private static readonly string[] Spine =
        ["T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"];

    /// <summary>The thoracolumbar junction (T11–L2) breaks most often.</summary>
    private static readonly int[] LevelWeights = [1, 1, 2, 3, 4, 4, 5, 9, 14, 14, 8, 5, 3, 2];

    private static readonly double[] ResponseRates = [0.88, 0.84, 0.8, 0.75, 0.7];

    public static DemoProcedure Procedure(Random random, int clinicIndex, DemoClinic clinic, int number, DateOnly today)
    {
        var patientRef = $"DEMO-{clinic.RefPrefix}-{number.ToString("0000", CultureInfo.InvariantCulture)}";
        var procedureDate = Weekday(today.AddDays(-random.Next(0, DemoCohort.HistoryDays)));
        var etiology = Pick(random, ("osteoporotic", 74), ("malignant", 14), ("traumatic", 9), ("other", 3));
        var type = random.NextDouble() < 0.6 ? "vertebroplasty" : "kyphoplasty";
        var levels = Levels(random);
        var baselinePain = Pick(random, (5, 1), (6, 2), (7, 4), (8, 5), (9, 3), (10, 1));
        var baselineMedications = Pick(random,
            (Meds("paracetamol"), 30), (Meds("paracetamol", "nsaid"), 20), (Meds("paracetamol", "weak_opioid"), 30), (Meds("strong_opioid", "paracetamol"), 18), (Meds("none"), 2));
        var slug = patientRef.ToLowerInvariant();
        var (email, phone) = random.NextDouble() switch
        {
            < 0.6 => ($"{slug}@example.org", (string?)null),
            < 0.85 => ($"{slug}@example.org", Phone(clinicIndex, number)),
            _ => ((string?)null, Phone(clinicIndex, number)),
        };
        var language = clinic.Languages[random.Next(clinic.Languages.Count)];

        var events = new List<DemoEvent>();
        var death = random.NextDouble() < (etiology == "malignant" ? 0.2 : 0.025) ? Within(random, procedureDate.AddDays(10), today.AddDays(-1)) : null;
        if (death is { } died) events.Add(new DemoEvent("death", died, null));
        if (random.NextDouble() < 0.05 && Within(random, procedureDate.AddDays(14), death ?? today) is { } fractured)
            events.Add(new DemoEvent("new_fracture", fractured, [Adjacent(levels)]));

        var answers = Answers(random, procedureDate, today, death, baselinePain, baselineMedications);
        return new DemoProcedure(clinicIndex, patientRef, type, procedureDate, levels, etiology, baselinePain, baselineMedications,
            email, phone, language, answers, events);
    }

    private static List<DemoAnswer> Answers(Random random, DateOnly procedureDate, DateOnly today, DateOnly? death, int baseline, IReadOnlyList<string> baselineMeds)
    {
        var answers = new List<DemoAnswer>();
        if (random.NextDouble() < 0.1) return answers;   // never answers
        var responds = random.NextDouble() < 0.75;
        var relief = 0.5 + 0.4 * random.NextDouble();       // share of the pain a responder loses
        var lowest = baseline;
        var strongAtBaseline = baselineMeds.Contains("strong_opioid");
        var weakAtBaseline = baselineMeds.Contains("weak_opioid");
        for (var t = 0; t < DemoTimePoint.All.Count; t++)
        {
            var timePoint = DemoTimePoint.All[t];
            var answeredOn = timePoint.DueAfter(procedureDate).AddDays(Math.Min(random.Next(0, 12), random.Next(0, 12)));
            var lastDay = timePoint.ClosesBefore(procedureDate).AddDays(-1);
            if (answeredOn > lastDay) answeredOn = lastDay;
            if (answeredOn > today) break;
            if (death is { } died && answeredOn >= died) break;
            if (random.NextDouble() > ResponseRates[t]) continue;

            var reached = responds ? new[] { 0.55, 0.8, 0.95, 1, 1 }[t] : 0.15;
            var pain = (int)Math.Round(baseline - baseline * relief * reached + Noise(random));
            pain = Math.Clamp(pain, 0, Math.Min(10, Math.Min(baseline + 1, lowest + 1)));
            lowest = Math.Min(lowest, pain);

            var strong = strongAtBaseline && (!responds || t == 0 || (t == 1 && random.NextDouble() < 0.5));
            var weak = !strong && (strongAtBaseline || weakAtBaseline) && (!responds || t <= 1 || random.NextDouble() < 0.15);
            IReadOnlyList<string> medications = strong ? Meds("strong_opioid", "paracetamol")
                : weak ? Meds("weak_opioid", "paracetamol")
                : pain <= 2 && random.NextDouble() < 0.6 ? Meds("none")
                : !responds && random.NextDouble() < 0.5 ? Meds("paracetamol", "nsaid")
                : Meds("paracetamol");
            var opioid = (strong || weak) && random.NextDouble() < 0.6 ? Dose(random, strong) : null;
            var newFracture = random.NextDouble() < 0.9 ? "no" : null;
            answers.Add(new DemoAnswer(timePoint.Code, answeredOn, pain, medications, opioid, newFracture));
        }
        return answers;
    }

    private static DemoOpioid Dose(Random random, bool strong) => strong
        ? Pick(random, (new DemoOpioid("oxycodone", 10m * random.Next(1, 5)), 5), (new DemoOpioid("morphine", 30m * random.Next(1, 4)), 4),
            (new DemoOpioid("fentanyl_transdermal", 12.5m * random.Next(1, 3)), 1))
        : Pick(random, (new DemoOpioid("tramadol", 50m * random.Next(2, 5)), 3), (new DemoOpioid("codeine", 30m * random.Next(2, 5)), 1));

    private static double Noise(Random random) => (random.NextDouble() + random.NextDouble() - 1) * 1.5;

    private static IReadOnlyList<string> Meds(params string[] codes) => codes;

    private static IReadOnlyList<string> Levels(Random random)
    {
        var first = Pick(random, Spine.Select((_, i) => (i, LevelWeights[i])).ToArray());
        var count = Pick(random, (1, 70), (2, 24), (3, 6));
        first = Math.Min(first, Spine.Length - count);
        return Spine.Skip(first).Take(count).ToList();
    }

    /// <summary>The vertebra above the treated ones (below when T4 is treated): where a new fracture most often follows.</summary>
    private static string Adjacent(IReadOnlyList<string> levels)
    {
        var top = Array.IndexOf(Spine, levels[0]);
        return top > 0 ? Spine[top - 1] : Spine[Array.IndexOf(Spine, levels[^1]) + 1];
    }

    /// <summary>A fictitious number in the UK's range for drama (+44 7700 900000–900999).</summary>
    private static string Phone(int clinicIndex, int number) =>
        "+447700900" + ((clinicIndex * 331 + number) % 1000).ToString("000", CultureInfo.InvariantCulture);

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(-2),
        _ => day,
    };

    private static DateOnly? Within(Random random, DateOnly from, DateOnly to) =>
        to < from ? null : from.AddDays(random.Next(0, to.DayNumber - from.DayNumber + 1));

    private static T Pick<T>(Random random, params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
            if ((roll -= weight) < 0) return value;
        throw new InvalidOperationException("Weights must be positive.");
    }
}

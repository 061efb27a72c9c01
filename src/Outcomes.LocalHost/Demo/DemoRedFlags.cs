namespace Outcomes.LocalHost.Demo;

/// <summary>
/// Turns a few of a clinic's recent answers (given within <see cref="DemoCohort.RecentDays"/> days of its today) into the
/// ones a clinic must review: a new fracture, one the patient is unsure of, pain two points above the baseline, a strong
/// opioid started. The worklist keeps a red flag until someone marks it handled, so older answers raise none.
/// </summary>
internal static class DemoRedFlags
{
    public static readonly IReadOnlyList<string> Kinds = ["new_fracture", "pain_worse", "strong_opioid_started", "possible_new_fracture"];

    public static List<DemoProcedure> Place(Random random, List<DemoProcedure> procedures, DateOnly today)
    {
        var recent = procedures
            .Select((p, i) => (Index: i, Procedure: p))
            .Where(x => x.Procedure.Events.All(e => e.Type != "death") && x.Procedure.Answers.Count > 0
                        && x.Procedure.Answers[^1].AnsweredOn > today.AddDays(-DemoCohort.RecentDays))
            .OrderBy(_ => random.Next())
            .ToList();
        foreach (var kind in Kinds)
        {
            var fits = recent.FirstOrDefault(x => Fits(kind, x.Procedure));
            if (fits.Procedure is null) continue;
            recent.Remove(fits);
            var answers = fits.Procedure.Answers.ToList();
            answers[^1] = Raise(kind, fits.Procedure, answers[^1]);
            procedures[fits.Index] = fits.Procedure with { Answers = answers };
        }
        return procedures;
    }

    private static bool Fits(string kind, DemoProcedure procedure) => kind switch
    {
        "pain_worse" => procedure.BaselinePain <= 8,
        // A strong opioid is new only when neither the baseline nor any earlier answer reports one.
        "strong_opioid_started" => !procedure.BaselineMedications.Contains("strong_opioid"),
        _ => true,
    };

    private static DemoAnswer Raise(string kind, DemoProcedure procedure, DemoAnswer answer) => kind switch
    {
        "new_fracture" => answer with { NewFracture = "yes", RedFlag = kind },
        "possible_new_fracture" => answer with { NewFracture = "unsure", RedFlag = kind },
        "pain_worse" => answer with { Pain = procedure.BaselinePain + 2, RedFlag = kind },
        _ => answer with { Medications = ["strong_opioid", "paracetamol"], Opioid = new DemoOpioid("oxycodone", 20m), RedFlag = kind },
    };
}

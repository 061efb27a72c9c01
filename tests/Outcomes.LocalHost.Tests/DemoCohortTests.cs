using System.Text.Json;
using System.Text.RegularExpressions;
using Outcomes.LocalHost.Demo;

namespace Outcomes.LocalHost.Tests;

public class DemoCohortTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DemoCohort Cohort = DemoCohort.Generate(AsOf);

    private static readonly HashSet<string> StrongOpioidNames =
        ["morphine", "oxycodone", "hydromorphone", "oxymorphone", "fentanyl_transdermal", "buprenorphine", "methadone", "tapentadol"];

    [Fact]
    public void The_same_day_gives_the_same_cohort_and_another_seed_another()
    {
        Assert.Equal(JsonSerializer.Serialize(Cohort), JsonSerializer.Serialize(DemoCohort.Generate(AsOf)));
        Assert.NotEqual(JsonSerializer.Serialize(Cohort), JsonSerializer.Serialize(DemoCohort.Generate(AsOf, DemoCohort.Seed + 1)));
    }

    [Fact]
    public void Three_clinics_in_different_time_zones_register_a_few_hundred_procedures_of_both_types_and_several_etiologies()
    {
        Assert.Equal(3, Cohort.Clinics.Select(c => c.TimeZone).Distinct().Count());
        Assert.InRange(Cohort.Procedures.Count, 200, 400);
        Assert.All(Cohort.Clinics.Select((_, c) => Cohort.Procedures.Count(p => p.Clinic == c)), n => Assert.InRange(n, 50, 150));
        Assert.Equal(["kyphoplasty", "vertebroplasty"], Cohort.Procedures.Select(p => p.ProcedureType).Distinct().Order());
        Assert.True(Cohort.Procedures.Select(p => p.Etiology).Distinct().Count() >= 3);
        Assert.Equal(Cohort.Procedures.Count, Cohort.Procedures.Select(p => p.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public void Procedures_lie_in_the_past_fourteen_months_of_each_clinics_calendar_on_weekdays()
    {
        foreach (var p in Cohort.Procedures)
        {
            var today = Cohort.Clinics[p.Clinic].Today(AsOf);
            Assert.InRange(p.ProcedureDate, today.AddDays(-DemoCohort.HistoryDays - 2), today);
            Assert.DoesNotContain(p.ProcedureDate.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
            Assert.InRange(p.BaselinePain, 0, 10);
            Assert.InRange(p.Levels.Count, 1, 3);
        }
        var months = Cohort.Procedures.Select(p => (p.ProcedureDate.Year, p.ProcedureDate.Month)).Distinct().Count();
        Assert.InRange(months, 14, 15);
    }

    [Fact]
    public void Every_answer_is_given_inside_its_window_by_the_clinics_today_and_before_a_death()
    {
        foreach (var p in Cohort.Procedures)
        {
            var today = Cohort.Clinics[p.Clinic].Today(AsOf);
            var death = p.Events.FirstOrDefault(e => e.Type == "death")?.Date;
            Assert.Equal(p.Answers.Count, p.Answers.Select(a => a.TimePoint).Distinct().Count());
            foreach (var a in p.Answers)
            {
                var timePoint = DemoTimePoint.All.Single(t => t.Code == a.TimePoint);
                Assert.InRange(a.AnsweredOn, timePoint.DueAfter(p.ProcedureDate), timePoint.ClosesBefore(p.ProcedureDate).AddDays(-1));
                Assert.True(a.AnsweredOn <= today, $"{p.PatientRef} {a.TimePoint} answered after today");
                Assert.True(death is null || a.AnsweredOn < death, $"{p.PatientRef} answered after dying");
                Assert.InRange(a.Pain, 0, 10);
                Assert.True(a.Opioid is null || a.Medications.Any(m => m is "weak_opioid" or "strong_opioid"), "a dose without an opioid listed");
            }
        }
    }

    [Fact]
    public void Pain_improves_on_average_but_not_for_everyone()
    {
        var late = Cohort.Procedures.SelectMany(p => p.Answers.Where(a => a.TimePoint is "3m" or "6m" or "12m").Select(a => (p.BaselinePain, a.Pain))).ToList();
        Assert.True(late.Count > 100);
        Assert.InRange(late.Average(x => x.BaselinePain - x.Pain), 2.5, 6.5);
        var unimproved = late.Count(x => x.Pain >= x.BaselinePain - 1);
        Assert.InRange(unimproved, late.Count / 20, late.Count / 3);
    }

    [Fact]
    public void Opioids_are_taken_at_baseline_and_answered_with_doses_and_some_follow_ups_go_unanswered()
    {
        Assert.Contains(Cohort.Procedures, p => p.BaselineMedications.Contains("strong_opioid"));
        var answers = Cohort.Procedures.SelectMany(p => p.Answers).ToList();
        Assert.Contains(answers, a => a.Opioid is { } o && StrongOpioidNames.Contains(o.Name));
        Assert.Contains(answers, a => a.Opioid is { } o && !StrongOpioidNames.Contains(o.Name));
        Assert.Contains(Cohort.Procedures, p => p.Answers.Count == 0 && p.ProcedureDate < Cohort.Clinics[p.Clinic].Today(AsOf).AddMonths(-2));

        var opened = Cohort.Procedures.Sum(p => DemoTimePoint.All.Count(t => t.DueAfter(p.ProcedureDate).AddDays(14) <= Cohort.Clinics[p.Clinic].Today(AsOf)));
        Assert.InRange(answers.Count / (double)opened, 0.5, 0.85);
    }

    [Fact]
    public void A_few_patients_die_and_a_few_have_a_new_fracture_dated_between_the_procedure_and_today()
    {
        var events = Cohort.Procedures.SelectMany(p => p.Events.Select(e => (p, e))).ToList();
        Assert.InRange(events.Count(x => x.e.Type == "death"), 3, 30);
        Assert.InRange(events.Count(x => x.e.Type == "new_fracture"), 3, 30);
        Assert.All(events, x => Assert.InRange(x.e.Date, x.p.ProcedureDate, Cohort.Clinics[x.p.Clinic].Today(AsOf)));
        Assert.All(events.Where(x => x.e.Type == "new_fracture"), x => Assert.DoesNotContain(x.e.Levels![0], x.p.Levels));
    }

    [Fact]
    public void Only_the_placed_answers_raise_red_flags_and_each_clinic_has_a_few_recent_ones()
    {
        foreach (var p in Cohort.Procedures)
            for (var i = 0; i < p.Answers.Count; i++)
            {
                var a = p.Answers[i];
                var raises = Raises(p, p.Answers.Take(i).ToList(), a);
                if (a.RedFlag is null)
                    Assert.True(raises.Count == 0, $"{p.PatientRef} {a.TimePoint} raises {string.Join(", ", raises)}");
                else
                    Assert.Contains(a.RedFlag, raises);
            }

        for (var c = 0; c < Cohort.Clinics.Count; c++)
        {
            var today = Cohort.Clinics[c].Today(AsOf);
            var flagged = Cohort.Procedures.Where(p => p.Clinic == c).SelectMany(p => p.Answers).Where(a => a.RedFlag is not null).ToList();
            Assert.InRange(flagged.Count, 3, DemoRedFlags.Kinds.Count);
            Assert.All(flagged, a => Assert.True(a.AnsweredOn > today.AddDays(-DemoCohort.RecentDays)));
        }
    }

    [Fact]
    public void Patients_are_synthetic_with_addresses_and_numbers_reserved_for_fiction()
    {
        Assert.All(Cohort.Procedures, p =>
        {
            Assert.Matches(@"^DEMO-[NLP]-\d{4}$", p.PatientRef);
            Assert.True(p.Email is not null || p.Phone is not null);
            if (p.Email is not null) Assert.EndsWith("@example.org", p.Email);
            if (p.Phone is not null) Assert.Matches(@"^\+447700900\d{3}$", p.Phone);
        });
        Assert.Contains(Cohort.Procedures, p => p.Language == "es");
    }

    /// <summary>
    /// The red flags an answer may raise, whatever order the answers are recorded in: compared with the baseline and with
    /// each earlier answer, any of which may be "the previous one" when it is recorded (or none, when none is yet).
    /// </summary>
    private static List<string> Raises(DemoProcedure p, IReadOnlyList<DemoAnswer> earlier, DemoAnswer a)
    {
        var raised = new List<string>();
        if (a.NewFracture == "yes") raised.Add("new_fracture");
        if (a.NewFracture == "unsure") raised.Add("possible_new_fracture");
        if (a.Pain >= p.BaselinePain + 2 || earlier.Any(e => a.Pain >= e.Pain + 2)) raised.Add("pain_worse");
        bool Strong(IReadOnlyList<string> meds, DemoOpioid? dose) => meds.Contains("strong_opioid") || (dose is not null && StrongOpioidNames.Contains(dose.Name));
        if (Strong(a.Medications, a.Opioid) && !Strong(p.BaselineMedications, null))
            raised.Add("strong_opioid_started");
        return raised;
    }
}

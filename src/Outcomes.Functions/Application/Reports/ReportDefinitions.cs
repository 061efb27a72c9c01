namespace Outcomes.Functions;

/// <summary>What each figure of the outcome report counts and of what (its unit and its denominator), as the report says it.</summary>
internal static class ReportDefinitions
{
    public static readonly IReadOnlyDictionary<string, string> ByFigure = new Dictionary<string, string>
    {
        ["patients"] = "Patients (distinct patient references of a clinic) with a procedure in the period, each counted once, in the cell of their earliest procedure (whatever order the procedures were registered in).",
        ["procedures"] = "Procedures registered with a procedure date in the period.",
        ["vertebrae"] = "Vertebral levels treated, summed over the procedures.",
        ["mortality30Day"] = "Procedures whose patient died within 30 days of the procedure date, of the procedures done at least 30 days before asOf; per procedure (a patient with two procedures counts twice).",
        ["newFractures"] = "Patients with a new vertebral fracture recorded by the clinic as an event (patients, each once; the fractures recorded; the share of the cohort's patients); patients who answered \"yes\" to the survey's new-fracture question (reportedByPatient) and \"unsure\" (unsureByPatient), each once; patients with one from either source (either, and its share of the cohort's patients). A patient's fracture is counted in the cell of the procedure it was first reported on, so with a month or type filter it may stand beside a cohort that counts the patient elsewhere.",
        ["due"] = "Follow-ups whose survey became due and was not cancelled (by a death, withdrawal or opt-out): open, answered or missed.",
        ["answered"] = "Follow-ups answered (one answer per follow-up; an answer covering two procedures of a patient counts for each).",
        ["responseRate"] = "Answered, of due.",
        ["pain"] = "Pain (0–10) of the answers at the time point.",
        ["change"] = "Pain of each answer minus the procedure's baseline pain.",
        ["improvedTwoPoints"] = "Answers at least 2 points below the baseline, of all answers.",
        ["improvedThirtyPercent"] = "Answers at least 30% below the baseline, of the answers whose baseline was above 0 (a baseline of 0 cannot improve by 30%, so those answers are in neither count).",
        ["anyMedication"] = "Answers naming any pain medication, of the answers that said which pain medication is taken.",
        ["opioid"] = "Answers naming a weak or strong opioid, of the answers that said which pain medication is taken.",
    };
}

namespace Outcomes.Functions;

/// <summary>What each figure of the outcome report counts and of what (its unit and its denominator), as the report says it.</summary>
internal static class ReportDefinitions
{
    /// <summary>What an analyst's view withholds, said beside the figures.</summary>
    public const string Suppression = "An analyst sees a figure only if it rests on at least 5 distinct patients and no narrower view they can ask for (one clinic, procedure type, etiology or run of whole years inside this one) differs from it by 1 to 4 patients; analysts' dates are whole calendar years.";

    public static readonly IReadOnlyDictionary<string, string> ByFigure = new Dictionary<string, string>
    {
        ["patients"] = "Patients (distinct patient references of a clinic) with a procedure in the period, each counted once, in the cell of their earliest procedure (whatever order the procedures were registered in).",
        ["procedures"] = "Procedures registered with a procedure date in the period.",
        ["vertebrae"] = "Vertebral levels treated, summed over the procedures.",
        ["mortality30Day"] = "Patients who died within 30 days after one of their procedures (each once), of the patients whose earliest procedure was at least 30 days before asOf; each clinic's procedures are counted at its own today, in its time zone.",
        ["newFractures"] = "Patients with a new vertebral fracture recorded by the clinic as an event (patients, each once; the fractures recorded; the share of the patients followed up); patients who answered \"yes\" to the survey's new-fracture question (reportedByPatient) and \"unsure\" (unsureByPatient), each once; patients with one from either source (either, and its share of the patients followed up: those whose first survey, one week after their earliest procedure, has come due). A patient's fracture is counted in the cell of the procedure it was first reported on, so with a month or type filter it may stand beside a cohort that counts the patient elsewhere.",
        ["due"] = "Surveys whose window has opened by the clinic's calendar, whether or not the timer has run; not those whose window opens after the date of a death, withdrawal or opt-out.",
        ["answered"] = "Follow-ups answered (an answer covering two procedures of a patient answers both follow-ups).",
        ["responseRate"] = "Answered, of due.",
        ["pain"] = "Pain (0–10) of the answers at the time point; an answer covering two procedures of a patient at the same time point is one answer.",
        ["change"] = "Pain of each answer minus the procedure's baseline pain.",
        ["improvedTwoPoints"] = "Answers at least 2 points below the baseline, of all answers.",
        ["improvedThirtyPercent"] = "Answers at least 30% below the baseline, of the answers whose baseline was above 0 (a baseline of 0 cannot improve by 30%, so those answers are in neither count).",
        ["anyMedication"] = "Answers naming any pain medication, of the answers that said which pain medication is taken.",
        ["opioid"] = "Answers naming a weak or strong opioid, of the answers that said which pain medication is taken.",
    };
}

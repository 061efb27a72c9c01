using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Reports.Funnel;

/// <summary>
/// One clinic's input to the funnel plot at one time point: its change-from-baseline histograms (−10..+10) by case-mix
/// stratum, and its surveys due and answered there (the response rate shown beside it). Built from the clinic's tally
/// cells with <see cref="Add"/>, or directly from histograms.
/// </summary>
public sealed class ClinicCaseMix
{
    private readonly Dictionary<CaseMixStratum, IntegerHistogram> changes = [];

    public ClinicCaseMix(string clinicId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clinicId);
        ClinicId = clinicId;
    }

    public string ClinicId { get; }

    /// <summary>Surveys due at the time point (their window opened by the clinic's calendar, <see cref="CellCalendar"/>).</summary>
    public int Due { get; private set; }

    public int Answered { get; private set; }

    /// <summary>The change histograms by stratum; strata without answers are absent.</summary>
    public IReadOnlyDictionary<CaseMixStratum, IntegerHistogram> Changes => changes;

    /// <summary>Answers with a change from baseline, over all strata.</summary>
    public int N => changes.Values.Sum(h => h.N);

    /// <summary>Answered over due, with its Wilson interval (null share when nothing was due).</summary>
    public Proportion ResponseRate => Proportion.Of(Math.Min(Answered, Due), Due);

    /// <summary>Adds one tally cell of this clinic at the funnel's time point: its per-band change histograms, its surveys <paramref name="due"/> and answered.</summary>
    public ClinicCaseMix Add(TallyCell cell, TimePointTally tally, int due)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(tally);
        for (var band = 0; band < CaseMixStratum.Bands; band++)
            AddChanges(new CaseMixStratum(cell.ProcedureType, cell.Etiology, band),
                IntegerHistogram.FromCounts(-TimePointTally.ChangeOffset, tally.ChangeByBaselineBand[band]));
        return AddSurveys(due, tally.Answered);
    }

    /// <summary>Adds a change histogram (−10..+10) to a stratum.</summary>
    public ClinicCaseMix AddChanges(CaseMixStratum stratum, IntegerHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.N == 0)
            return this;
        changes[stratum] = changes.TryGetValue(stratum, out var before) ? before.Plus(histogram) : histogram;
        return this;
    }

    public ClinicCaseMix AddSurveys(int due, int answered)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(due);
        ArgumentOutOfRangeException.ThrowIfNegative(answered);
        Due = checked(Due + due);
        Answered = checked(Answered + answered);
        return this;
    }
}

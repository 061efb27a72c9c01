namespace Outcomes.LocalHost.Demo;

/// <summary>A demo clinic: its name, its IANA time zone, how many procedures it registers and its patients' languages.</summary>
internal sealed record DemoClinic(string Name, string TimeZone, string RefPrefix, int Procedures, IReadOnlyList<string> Languages)
{
    /// <summary>The clinic's calendar day at <paramref name="instant"/>.</summary>
    public DateOnly Today(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
}

/// <summary>An opioid and its daily dose, as an answer's <c>opioid</c> part carries them.</summary>
internal sealed record DemoOpioid(string Name, decimal DailyDose);

/// <summary>
/// One answer as the clinic enters it (<c>POST /api/procedures/{id}/responses</c>). <see cref="RedFlag"/> names the worklist
/// red flag the answer is meant to raise (a worklist item kind), or is null for an answer that raises none.
/// </summary>
internal sealed record DemoAnswer(
    string TimePoint, DateOnly AnsweredOn, int Pain, IReadOnlyList<string> Medications, DemoOpioid? Opioid, string? NewFracture, string? RedFlag = null);

/// <summary>A patient event as the clinic records it (<c>POST /api/procedures/{id}/events</c>): death or new_fracture.</summary>
internal sealed record DemoEvent(string Type, DateOnly Date, IReadOnlyList<string>? Levels);

/// <summary>A procedure as the clinic registers it, with the answers and events that follow it.</summary>
internal sealed record DemoProcedure(
    int Clinic, string PatientRef, string ProcedureType, DateOnly ProcedureDate, IReadOnlyList<string> Levels, string Etiology,
    int BaselinePain, IReadOnlyList<string> BaselineMedications, string? Email, string? Phone, string Language,
    IReadOnlyList<DemoAnswer> Answers, IReadOnlyList<DemoEvent> Events)
{
    /// <summary>The registration's Idempotency-Key: the same procedure on every run of the demo.</summary>
    public string IdempotencyKey => "outcomes-demo-" + PatientRef;
}

/// <summary>The demo's synthetic clinics and procedures, the same for the same seed and day.</summary>
internal sealed record DemoCohort(IReadOnlyList<DemoClinic> Clinics, IReadOnlyList<DemoProcedure> Procedures)
{
    public const int Seed = 20260101;

    /// <summary>Procedure dates go back this many days (about 14 months) from each clinic's today.</summary>
    public const int HistoryDays = 425;

    /// <summary>Red flags are placed on answers given within this many days before the clinic's today.</summary>
    public const int RecentDays = 21;

    public static IReadOnlyList<DemoClinic> DefaultClinics { get; } =
    [
        new("North Harbour Spine Clinic", "Australia/Sydney", "N", 110, ["en", "en", "en", "zh-Hans"]),
        new("Clínica de Columna Levante", "Europe/Madrid", "L", 100, ["es", "es", "es", "en"]),
        new("Prairie Spine Center", "America/Chicago", "P", 90, ["en", "en", "en", "es"]),
    ];

    /// <summary>The cohort as of <paramref name="asOf"/>: procedure dates and answers lie on or before each clinic's today then.</summary>
    public static DemoCohort Generate(DateTimeOffset asOf, int seed = Seed, IReadOnlyList<DemoClinic>? clinics = null)
    {
        clinics ??= DefaultClinics;
        var procedures = new List<DemoProcedure>();
        for (var c = 0; c < clinics.Count; c++)
        {
            var random = new Random(seed + 7919 * c);
            var today = clinics[c].Today(asOf);
            var own = Enumerable.Range(1, clinics[c].Procedures).Select(n => DemoPatients.Procedure(random, c, clinics[c], n, today)).ToList();
            procedures.AddRange(DemoRedFlags.Place(random, own, today));
        }
        return new DemoCohort(clinics, procedures);
    }
}

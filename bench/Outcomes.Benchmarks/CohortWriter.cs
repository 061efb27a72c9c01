using Outcomes.Storage.Tables;
using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;

namespace Outcomes.Benchmarks;

/// <summary>What one fill wrote.</summary>
internal sealed record FillResult(int Procedures, int Responses, int ResponsesWithProcedureRows, long ProcedureRows, long TallyRows, long MarkerRows, TimeSpan Took);

/// <summary>
/// Writes a synthetic cohort the way the app stores it: table <c>Procedures</c> (per procedure: its row, five follow-up rows,
/// an answer row per answered follow-up, in one entity-group transaction) and table <c>OutcomeTallies</c> (per clinic: the tally
/// rows, then one marker row per change the app counts, "~{procedure}_registered", "~{procedure}_{tp}_open",
/// "~{procedure}_{tp}_answered", ...). The tallies are computed in memory with the domain's own CohortTally and TimePointTally
/// methods, applying exactly the changes those markers name.
/// <para>
/// <c>Procedures</c> rows are written only for the procedures generated while fewer than <c>procedureRowsUpTo</c> answers were
/// stored (the report never reads that table, and Azurite cannot fill it much further: see README.md); <c>OutcomeTallies</c>,
/// the report's table, always gets everything: the tallies of all answers and every marker row.
/// </para>
/// </summary>
internal sealed class CohortWriter(TableServiceClient service, string prefix, DateOnly today, int parallelism, int procedureRowsUpTo)
{
    private const int MaxBatch = 100;   // an entity-group transaction holds at most 100 actions
    private long procedureRowsWritten, tallyRowsWritten;

    public async Task<FillResult> WriteAsync(string label, IReadOnlyList<string> clinicIds, IReadOnlyList<ProcedurePlan>[] cohort, CancellationToken ct)
    {
        var procedures = service.GetTableClient(prefix + "Procedures");
        var tallies = service.GetTableClient(prefix + "OutcomeTallies");
        await procedures.CreateIfNotExistsAsync(ct);
        await tallies.CreateIfNotExistsAsync(ct);
        var withRows = cohort.Select(c => c.Where(p => p.AnswersBefore < procedureRowsUpTo).ToList()).ToArray();
        var (procedureTarget, tallyTarget) = (withRows.Sum(c => c.Sum(p => 6L + p.Answers)), 0L);
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => Report(label, clock, procedureTarget, Interlocked.Read(ref tallyTarget)), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        // Azurite (LokiJS) keeps a sorted index on PartitionKey and on RowKey and inserts a key before the rows with an equal
        // key, moving every index entry after it: rows are written in key order (clinics in id order, procedure ids rising), one
        // clinic (partition) after another, so that an insert moves only the current clinic's entries, never the other clinics'.
        // Within a clinic, `parallelism` transactions of 100 rows are in flight; the next clinic's rows are computed meanwhile.
        long procedureRows = 0, tallyRows = 0, markerRows = 0;
        var tallyWriting = Task.Run(async () =>
        {
            var next = Task.Run(() => Tallies(clinicIds[0], cohort[0]), ct);
            for (var c = 0; c < clinicIds.Count; c++)
            {
                var (rows, markers) = await next;
                if (c + 1 < clinicIds.Count)
                {
                    var following = c + 1;
                    next = Task.Run(() => Tallies(clinicIds[following], cohort[following]), ct);
                }
                Interlocked.Add(ref tallyTarget, rows.Count + markers.Count);
                await SubmitAsync(tallies, Batches(rows), () => ref tallyRowsWritten, ct);
                await SubmitAsync(tallies, Batches(markers), () => ref tallyRowsWritten, ct);
                Interlocked.Add(ref tallyRows, rows.Count);
                Interlocked.Add(ref markerRows, markers.Count);
            }
        }, ct);
        var procedureWriting = Task.Run(async () =>
        {
            for (var c = 0; c < clinicIds.Count; c++)
            {
                var batches = withRows[c].Select(p => RowsOf(clinicIds[c], p)).ToList();
                await SubmitAsync(procedures, batches, () => ref procedureRowsWritten, ct);
                Interlocked.Add(ref procedureRows, batches.Sum(b => b.Count));
            }
        }, ct);
        await Task.WhenAll(tallyWriting, procedureWriting);
        Report(label, clock, procedureTarget, tallyTarget);
        return new FillResult(cohort.Sum(c => c.Count), cohort.Sum(c => c.Sum(p => p.Answers)), withRows.Sum(c => c.Sum(p => p.Answers)),
            procedureRows, tallyRows, markerRows, clock.Elapsed);
    }

    private void Report(string label, Stopwatch clock, long procedureTarget, long tallyTargetSoFar)
    {
        var (p, t) = (Interlocked.Read(ref procedureRowsWritten), Interlocked.Read(ref tallyRowsWritten));
        Console.Error.WriteLine($"  [{label}] {clock.Elapsed.TotalSeconds,6:F0} s: Procedures {p,9:N0} / {procedureTarget:N0} rows, " +
                                $"OutcomeTallies {t,10:N0} rows (of {tallyTargetSoFar:N0} computed so far); {(p + t) / Math.Max(1, clock.Elapsed.TotalSeconds),7:N0} rows/s");
    }

    private delegate ref long Counter();

    private async Task SubmitAsync(TableClient table, IEnumerable<List<TableEntity>> batches, Counter counter, CancellationToken ct) =>
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (batch, token) =>
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), token);
            Interlocked.Add(ref counter(), batch.Count);
        });

    private static IEnumerable<List<TableEntity>> Batches(List<TableEntity> rows) => rows.Chunk(MaxBatch).Select(c => c.ToList());

    /// <summary>Procedure ids like the app's (32 hex digits), rising with clinic and sequence so that they sort as written.</summary>
    public static string ProcedureId(int clinic, int sequence) => $"{clinic:x2}{sequence:x8}{(uint)HashCode.Combine(clinic, sequence):x8}00000000000000";

    private List<TableEntity> RowsOf(string clinicId, ProcedurePlan p)
    {
        var id = ProcedureId(p.Clinic, p.Sequence);
        var registration = SyntheticCohort.Registration(p, today);
        var registeredAt = new DateTimeOffset(p.Date.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero);
        var rows = new List<TableEntity>
        {
            new(id, ProcedureRows.Procedure(id))
            {
                ["ClinicId"] = clinicId, ["RegisteredAt"] = registeredAt,
                ["Record"] = StoredRegistration.Write(registration), ["Language"] = "en",   // contact erased: null
            },
        };
        var schedule = FollowUpSchedule.For(p.Date);
        for (var i = 0; i < schedule.Count; i++)
        {
            var (f, plan) = (schedule[i], p.FollowUps[i]);
            var invited = plan.Status is FollowUpStatus.Answered or FollowUpStatus.Invited or FollowUpStatus.Missed;
            var answeredOn = f.Due.AddDays(2);
            rows.Add(new TableEntity(id, ProcedureRows.FollowUp(id, f.TimePoint))
            {
                ["TimePoint"] = f.TimePoint.Code, ["Due"] = Day(f.Due), ["ClosesBefore"] = Day(f.Window.ClosesBefore),
                ["Status"] = plan.Status.ToWire(), ["InvitedOn"] = invited ? Day(f.Due) : null, ["RemindersSent"] = plan.Status == FollowUpStatus.Missed ? 2 : 0,
                ["AnsweredOn"] = plan.Status == FollowUpStatus.Answered ? Day(answeredOn) : null,
                ["InvitationId"] = invited ? Guid.NewGuid().ToString("N") : null,
            });
            if (plan.Status != FollowUpStatus.Answered) continue;
            rows.Add(new TableEntity(id, ProcedureRows.Response(id, f.TimePoint))
            {
                ["ResponseId"] = Guid.NewGuid().ToString(), ["Answers"] = StoredAnswers.Write(Answers(plan)), ["AnsweredOn"] = Day(answeredOn),
                ["ReceivedAt"] = new DateTimeOffset(answeredOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
                ["SourceKind"] = "PatientLink", ["SourceId"] = $"{id}_{f.TimePoint.Code}", ["ReceivedFor"] = $"{id}_{f.TimePoint.Code}", ["Before"] = "invited",
            });
        }
        return rows;
    }

    /// <summary>One clinic's tally rows and marker rows, as <c>OutcomeCounting</c> would have left them.</summary>
    private (List<TableEntity> Tallies, List<TableEntity> Markers) Tallies(string clinicId, IReadOnlyList<ProcedurePlan> procedures)
    {
        var cohorts = new SortedDictionary<string, CohortTally>(StringComparer.Ordinal);
        var timePoints = new SortedDictionary<string, TimePointTally>(StringComparer.Ordinal);
        var markers = new List<string>();
        foreach (var p in procedures)
        {
            var id = ProcedureId(p.Clinic, p.Sequence);
            var registration = SyntheticCohort.Registration(p, today);
            var cell = TallyCell.Of(registration);
            CohortTally Cohort() => cohorts.TryGetValue(cell.Code, out var t) ? t : cohorts[cell.Code] = new CohortTally();
            void Count(TimePoint tp, string marker, Action<TimePointTally> change)
            {
                var key = $"{cell.Code}_{tp.Code}";
                change(timePoints.TryGetValue(key, out var t) ? t : timePoints[key] = new TimePointTally());
                markers.Add($"{id}_{tp.Code}_{marker}");
            }

            Cohort().AddProcedure(registration, p.FirstOfPatient);
            markers.Add($"{id}_registered");
            for (var i = 0; i < TimePoint.All.Count; i++)
            {
                var (tp, plan) = (TimePoint.All[i], p.FollowUps[i]);
                switch (plan.Status)
                {
                    case FollowUpStatus.Invited:
                        Count(tp, "open", t => t.Move(FollowUpStatus.Pending, FollowUpStatus.Invited));
                        break;
                    case FollowUpStatus.Missed:
                        Count(tp, "open", t => t.Move(FollowUpStatus.Pending, FollowUpStatus.Invited));
                        Count(tp, "missed", t => t.Move(FollowUpStatus.Invited, FollowUpStatus.Missed));
                        break;
                    case FollowUpStatus.Cancelled:
                        Count(tp, "cancelled", t => t.Move(FollowUpStatus.Pending, FollowUpStatus.Cancelled));
                        break;
                    case FollowUpStatus.Answered:
                        Count(tp, "open", t => t.Move(FollowUpStatus.Pending, FollowUpStatus.Invited));
                        Count(tp, "answered", t =>
                        {
                            t.Move(FollowUpStatus.Invited, FollowUpStatus.Answered);
                            t.AddAnswer(registration.Baseline.Pain, Answers(plan));
                        });
                        break;
                }
            }
            if (p.Died is { } died && CohortTally.IsEarlyDeath(p.Date, died))
            {
                Cohort().AddEarlyDeath(p.Date);
                markers.Add($"{id}_early_death");
            }
            if (p.NewFracture)
            {
                Cohort().PatientsWithNewFracture++;
                markers.Add($"{id}_fractured");
                Cohort().AddNewFractures(1);
                markers.Add($"{id}_fracture_{Guid.NewGuid():N}");
            }
        }
        // Laid out by the app's own layout (OutcomeTallyRows): a row per month, an index row, a marker per change.
        var cells = cohorts.Keys.Concat(timePoints.Keys.Select(k => k[..k.LastIndexOf('_')])).Distinct().Select(code =>
        {
            TallyCell.TryParse(code, out var cell);
            var points = timePoints.Where(t => t.Key.StartsWith(code + "_", StringComparison.Ordinal))
                .ToDictionary(t => t.Key[(code.Length + 1)..], t => t.Value);
            return new CellTallies(clinicId, cell, cohorts.GetValueOrDefault(code) ?? new CohortTally(), points);
        }).ToList();
        var rows = OutcomeTallyRows.MonthRows(clinicId, cells).Append(OutcomeTallyRows.Index(clinicId, cells.Select(c => c.Cell.MonthCode)))
            .OrderBy(e => e.RowKey, StringComparer.Ordinal).ToList();
        return (rows, markers.Order(StringComparer.Ordinal).Select(m => OutcomeTallyRows.Marker(clinicId, m)).ToList());
    }

    private static SurveyAnswers Answers(FollowUpPlan plan) => new(
        PainScore.From(plan.Pain),
        SyntheticCohort.MedicationChoices[plan.Medications].Select(m => MedicationCodes.Wire.TryParse(m, out var med) ? med : Medication.None).ToList(),
        NewFracture: plan.NewFracture < 0 ? null : (NewFractureAnswer)plan.NewFracture);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");
}

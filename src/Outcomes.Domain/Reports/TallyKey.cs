using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>
/// Where a procedure's follow-ups are counted: its clinic, its report cell, the baseline pain its answers are compared
/// with, its patient (<see cref="PatientKey"/>: what the patient reports is counted once per patient) and its procedure's
/// day of the month (what has come due is counted by day); the last two null on a row written before rows kept them.
/// </summary>
public sealed record TallyKey(string ClinicId, TallyCell Cell, PainScore Baseline, string? Patient = null, int? ProcedureDay = null);

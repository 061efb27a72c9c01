using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>
/// Where a procedure's follow-ups are counted: its clinic, its report cell, the baseline pain its answers are compared
/// with, and its patient (<see cref="PatientKey"/>: what the patient reports is counted once per patient; null on a row
/// written before rows kept it).
/// </summary>
public sealed record TallyKey(string ClinicId, TallyCell Cell, PainScore Baseline, string? Patient = null);

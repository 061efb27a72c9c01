using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>Where a procedure's follow-ups are counted: its clinic, its report cell, and the baseline pain its answers are compared with.</summary>
public sealed record TallyKey(string ClinicId, TallyCell Cell, PainScore Baseline);

using Outcomes.Domain.Medications;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Procedures;

/// <summary>Pain and pain medication before the procedure, the reference every follow-up is compared with.</summary>
public sealed record Baseline(PainScore Pain, IReadOnlyList<Medication> Medications);

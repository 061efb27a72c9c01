namespace Outcomes.Domain.Reports.Statistics;

/// <summary>The bounds of a confidence interval, <see cref="Low"/> ≤ <see cref="High"/>.</summary>
public readonly record struct ConfidenceInterval(double Low, double High);

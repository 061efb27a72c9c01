namespace Outcomes.Storage;

/// <summary>A count that lost the race for its tally row again and again; what it counts is stored, and is counted later.</summary>
public sealed class TallyContentionException(string message) : Exception(message);

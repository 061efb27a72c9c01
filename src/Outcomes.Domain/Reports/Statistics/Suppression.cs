namespace Outcomes.Domain.Reports.Statistics;

/// <summary>
/// Small-cell suppression: a view under this rule shows no figure computed from fewer than <see cref="MinimumPatients"/>
/// patients. Counted in patients, not answers or procedures: the caller passes the number of distinct patients the
/// figure rests on.
/// </summary>
public sealed record Suppression
{
    /// <summary>A cross-clinic view shows no figure computed from fewer than 5 patients (ARCHITECTURE §5).</summary>
    public static readonly Suppression CrossClinic = new(5);

    public Suppression(int minimumPatients)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumPatients);
        MinimumPatients = minimumPatients;
    }

    public int MinimumPatients { get; }

    public bool Suppresses(int patients)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patients);
        return patients < MinimumPatients;
    }

    /// <summary><paramref name="value"/> if it rests on enough <paramref name="patients"/>, otherwise the suppressed marker.</summary>
    public Reportable<T> Apply<T>(T value, int patients) =>
        Suppresses(patients) ? Reportable<T>.Suppressed : Reportable<T>.Shown(value);
}

namespace Outcomes.Domain.Reports.Statistics;

/// <summary>A figure a view may show, or the marker that small-cell suppression withheld it.</summary>
public readonly record struct Reportable<T>
{
    private Reportable(bool isSuppressed, T? value) => (IsSuppressed, Value) = (isSuppressed, value);

    public static Reportable<T> Suppressed => new(true, default);

    public static Reportable<T> Shown(T value) => new(false, value);

    public bool IsSuppressed { get; }

    /// <summary>The figure; default when <see cref="IsSuppressed"/>.</summary>
    public T? Value { get; }

    public override string ToString() => IsSuppressed ? "suppressed" : Value?.ToString() ?? "";
}

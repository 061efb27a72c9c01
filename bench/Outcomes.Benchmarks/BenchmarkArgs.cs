using System.Globalization;

namespace Outcomes.Benchmarks;

/// <summary>The benchmarks' command lines ("--name value" pairs of positive whole numbers) and their medians.</summary>
internal static class BenchmarkArgs
{
    /// <summary>Sets each option given; false (for the usage text) on an unknown name, a value that is not a positive number, or a name without value.</summary>
    public static bool TryRead(string[] args, IReadOnlyDictionary<string, Action<int>> options)
    {
        if (args.Length % 2 != 0)
            return false;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || !options.TryGetValue(args[i], out var set))
                return false;
            set(n);
        }
        return true;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

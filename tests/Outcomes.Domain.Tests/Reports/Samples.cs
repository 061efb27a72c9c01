namespace Outcomes.Domain.Tests.Reports;

/// <summary>Random integer samples for checking the histogram statistics against naive ones over the raw values.</summary>
internal static class Samples
{
    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 20).Select(seed => new object[] { seed });

    public static readonly (int Min, int Max)[] Ranges = [(0, 10), (-10, 10)];

    /// <summary>For one seed: samples of sizes 1, 2, 3 and random up to 500, uniform, all equal, two-valued and clustered.</summary>
    public static IEnumerable<(int Min, int Max, int[] Values)> For(int seed)
    {
        var random = new Random(seed);
        foreach (var (min, max) in Ranges)
            foreach (var size in new[] { 1, 2, 3, random.Next(4, 30), random.Next(1, 501), random.Next(1, 501) })
            {
                var one = random.Next(min, max + 1);
                var other = random.Next(min, max + 1);
                var centre = random.Next(min, max + 1);
                yield return (min, max, Draw(size, () => random.Next(min, max + 1)));
                yield return (min, max, Draw(size, () => one));
                yield return (min, max, Draw(size, () => random.Next(2) == 0 ? one : other));
                yield return (min, max, Draw(size, () => Math.Clamp(centre + random.Next(-2, 3), min, max)));
            }
    }

    private static int[] Draw(int size, Func<int> next) => Enumerable.Range(0, size).Select(_ => next()).ToArray();
}

using System.Globalization;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>The ingest benchmark's options (<c>ingest --help</c>).</summary>
internal sealed record IngestOptions(int Answers, int Concurrency, int Rounds, int Warmup, int Clinics, int SeedConcurrency, int Seed, bool Published = false, string? AppRoot = null)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Outcomes.Benchmarks -- ingest [--answers 3000] [--concurrency 8] [--rounds 6]
               [--warmup 100] [--clinics 10] [--seed-concurrency 8] [--seed 20261125] [--published | --app-root <folder>]
        --published: the handler as scripts/publish.sh publishes it (self-contained, ReadyToRun), not the built Release one.
        --app-root: the handler of an app root published before (e.g. an earlier commit's scripts/publish.sh output).
        """;

    public static IngestOptions? Read(string[] args)
    {
        var options = new IngestOptions(3000, 8, 6, 100, 10, 8, 20261125);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--published")
            {
                options = options with { Published = true };
                continue;
            }
            if (args[i] == "--app-root" && i + 1 < args.Length && File.Exists(Path.Combine(args[i + 1], "Outcomes.Functions")))
            {
                options = options with { AppRoot = Path.GetFullPath(args[++i]) };
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                if (args[i] is not ("--help" or "-h"))
                    Console.Error.WriteLine($"{args[i]} takes a number.");
                return null;
            }
            options = args[i] switch
            {
                "--answers" => options with { Answers = n },
                "--concurrency" => options with { Concurrency = n },
                "--rounds" => options with { Rounds = n },
                "--warmup" => options with { Warmup = n },
                "--clinics" => options with { Clinics = n },
                "--seed-concurrency" => options with { SeedConcurrency = n },
                "--seed" => options with { Seed = n },
                _ => null,
            };
            if (options is null)
            {
                Console.Error.WriteLine($"Unknown option {args[i]}.");
                return null;
            }
            i++;
        }
        return options is { Answers: > 0, Concurrency: > 0, Rounds: > 0, Clinics: > 0, SeedConcurrency: > 0 } && options.Rounds <= options.Answers
            ? options
            : null;
    }
}

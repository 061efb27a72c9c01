using System.Reflection;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// Where the browser tests leave what a person looks at afterwards (screenshots, apt-get's log of the Chromium
/// install): <c>screenshots/</c> in the test results folder, beside the .trx files. The project file hands
/// the results folder of <c>dotnet test --results-directory</c> to the test process as
/// <c>OUTCOMES_TEST_RESULTS</c>; without it (an IDE, a plain <c>dotnet test</c>) it is the test project's
/// own <c>TestResults/</c>, which git ignores.
/// </summary>
public static class TestArtifacts
{
    public const string ResultsVariable = "OUTCOMES_TEST_RESULTS";

    public static string ResultsFolder { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable(ResultsVariable) is { Length: > 0 } results
            ? results
            : Path.Combine(typeof(TestArtifacts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "OutcomesEndToEndProjectFolder").Value!, "TestResults"));

    public static string ScreenshotsFolder => Path.Combine(ResultsFolder, "screenshots");

    public static string ChromiumInstallLog => Path.Combine(ResultsFolder, "chromium-install.log");

    /// <summary>A file name made of letters, digits, '-', '_' and '.', whatever the test called it.</summary>
    public static string SafeFileName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}

using System.Text.Json;
using Microsoft.Playwright;
using Outcomes.Testing;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// axe-core, the accessibility rules engine, run inside the page under test: the script comes from the repository's
/// node_modules (the committed package-lock.json pins it; the local host's build installs it with npm ci), is injected
/// as a script tag (Playwright's own channel, so the pages' no-script Content-Security-Policy does not stand in its
/// way) and checks the page against the WCAG 2.0, 2.1 and 2.2 level A and AA rules.
/// </summary>
public static class Axe
{
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static string ScriptPath { get; } = Path.Combine(AzuriteFixture.RepoRoot, "node_modules", "axe-core", "axe.min.js");

    /// <summary>One rule the page breaks, with the elements that break it (their CSS selectors).</summary>
    public sealed record Violation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets)
    {
        public override string ToString() => $"{Id} ({Impact ?? "no impact given"}): {Help}\n    at {string.Join("\n    at ", Targets)}";
    }

    /// <summary>The page's violations of the WCAG A and AA rules, as axe-core finds them.</summary>
    public static async Task<IReadOnlyList<Violation>> CheckAsync(IPage page)
    {
        if (!File.Exists(ScriptPath))
            throw new InvalidOperationException($"{ScriptPath} is missing: build the solution (the local host's build runs npm ci), or run npm ci in {AzuriteFixture.RepoRoot}.");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.AddScriptTagAsync(new() { Path = ScriptPath });
        var json = await page.EvaluateAsync<string>("""
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' | ' + n.failureSummary.replace(/\s+/g, ' ') : '')) })));
            }
            """, WcagTags);
        return JsonSerializer.Deserialize<List<Violation>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Fails the test, naming each violation's rule, impact, help and elements, unless axe-core finds none.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await CheckAsync(page);
        Assert.True(violations.Count == 0,
            $"axe-core found {violations.Count} WCAG A/AA violation(s) on {what} ({page.Url}):\n{string.Join("\n", violations)}");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Outcomes.EndToEnd.Tests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// The dashboard as a clinic lead meets it, through the local host in a real headless Chromium: a few procedures
/// registered and answered through the survey links, then the browser sent to the sign-in form, the key typed into it,
/// and the dashboard shown with its charts, on a laptop, on a tablet and in print.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class DashboardBrowserTests(LocalHostProcess host, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly LocatorAssertionsToBeVisibleOptions AfterNavigation = new() { Timeout = 30_000 };

    private string Url(string path) => new Uri(host.Client.BaseAddress!, path).ToString();

    /// <summary>A clinic whose three patients answered their one-week survey with pain 2, 3 and 4.</summary>
    private async Task<TestClinic> ClinicWithAnswersAsync()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Dashboard");
        var run = Guid.NewGuid().ToString("N")[..8];
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            emails.Add($"dash-{run}-{i}@example.org");
            await clinic.RegisterAsync(host, $"DASH-{run}-{i}", clinic.Today.AddDays(-7), emails[^1]);
        }
        await host.RunTimerAsync();
        var mails = await Storage.EventuallyAsync(() => Task.FromResult(emails.Select(host.Mails).ToList()), m => m.All(x => x.Count >= 1), Patience, "the invitations");
        for (var i = 0; i < mails.Count; i++)
        {
            var answered = await host.Client.PostAsJsonAsync(mails[i][0].SurveyLink.PathAndQuery, new { pain = 2 + i, medications = new[] { "paracetamol" }, newFracture = "no" });
            Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        }
        await Storage.EventuallyAsync(() => host.SendAsync(HttpMethod.Get, "/api/reports/outcomes", clinic.ApiKey, null, HttpStatusCode.OK),
            r => r["timePoints"]!.AsArray().Single(t => t!["code"]!.GetValue<string>() == "1w")!["answered"]?.GetValue<int>() == 3, Patience, "three answers in the report");
        return clinic;
    }

    [Fact]
    public async Task A_clinic_lead_signs_in_through_the_form_and_sees_the_pain_trajectory_beside_tan2015_on_a_laptop_a_tablet_and_in_print()
    {
        var clinic = await ClinicWithAnswersAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var urls = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (problems) problems.Add($"console: {m.Text}"); };
        page.PageError += (_, e) => { lock (problems) problems.Add($"page error: {e}"); };
        page.RequestFailed += (_, r) => { lock (problems) problems.Add($"failed: {r.Url} {r.Failure}"); };
        page.Request += (_, r) => { lock (urls) urls.Add(r.Url); };

        await page.GotoAsync(Url("/api/dashboard"));
        var signInUrl = page.Url;
        await page.GetByLabel("Clinic or analyst key", new() { Exact = true }).FillAsync(clinic.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes: Spine Centre Dashboard", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        var laptop = await ScreenshotAsync(page, "dashboard-laptop-1366x768");

        Assert.EndsWith("/api/dashboard/sign-in", signInUrl);
        Assert.EndsWith("/api/dashboard", page.Url);
        var pain = page.Locator("svg#chart-pain");
        await Expect(pain).ToBeVisibleAsync();
        Assert.Equal(["baseline", "1w"], await pain.Locator(".series circle").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-category'))"));
        Assert.NotEmpty(await pain.Locator(".benchmark-label").AllTextContentsAsync());   // the studies' points on the same axes
        await Expect(page.Locator("section#pain ul.notes li", new() { HasText = "tan2015" })).ToContainTextAsync("VAS improved");   // Tan et al. report pain in words only
        await Expect(page.Locator("svg#chart-safety")).ToContainTextAsync("tan2015");
        await Expect(page.Locator("svg#chart-response")).ToBeVisibleAsync();
        await Expect(page.Locator("svg#chart-medication")).ToBeVisibleAsync();
        await Expect(page.Locator("li#study-tan2015")).ToContainTextAsync("Tan");
        var week = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Pain by time point" }) }).Locator("tr", new() { Has = page.Locator("th", new() { HasText = "1 week" }) });
        await Expect(week.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(week.Locator("td").Nth(1)).ToHaveTextAsync("3.0");
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard scrolls sideways on a laptop.");

        await page.SetViewportSizeAsync(820, 1180);
        var tablet = await ScreenshotAsync(page, "dashboard-tablet-820x1180");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard scrolls sideways on a tablet.");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(pain).ToBeVisibleAsync();
        await Expect(page.Locator("svg#chart-response")).ToBeVisibleAsync();
        foreach (var nav in await page.Locator("header nav").AllAsync())   // the sections and the clinic's work: neither on paper
            await Expect(nav).ToBeHiddenAsync();
        Assert.Equal(2, await page.Locator("header nav").CountAsync());
        Assert.True((await pain.BoundingBoxAsync())!.Width > 200);
        var print = await ScreenshotAsync(page, "dashboard-print");

        Assert.All(new[] { laptop, tablet, print }, path => Assert.True(File.Exists(path), path));
        lock (urls) Assert.All(urls, u => Assert.DoesNotContain(clinic.ApiKey, Uri.UnescapeDataString(u)));
        Assert.DoesNotContain(clinic.ApiKey, await page.ContentAsync());
        lock (problems) Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public static readonly IReadOnlyList<(int Width, int Height)> Screens = [(1366, 768), (820, 1180)];

    [Fact]
    public async Task On_a_laptop_and_a_tablet_no_table_hides_a_column_no_chart_label_is_clipped_or_overlaps_and_every_mark_is_in_a_legend()
    {
        var clinic = await ClinicWithAnswersAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/api/dashboard"));
        await page.GetByLabel("Clinic or analyst key", new() { Exact = true }).FillAsync(clinic.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes: Spine Centre Dashboard", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        var problems = new List<string>();

        await MeasureAsync(page, "clinic", problems);
        await page.SetContentAsync(DashboardSamples.AnalystPageWithFunnel());
        await MeasureAsync(page, "analyst-sample", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Published_figures_name_their_arm_in_the_charts_and_tables_measures_read_as_words_and_the_funnel_says_which_way_is_better()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();

        await page.SetContentAsync(DashboardSamples.AnalystPageWithFunnel());

        var benchmarks = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Published benchmarks" }) });
        Assert.Equal("Arm", await benchmarks.Locator("thead th").Nth(1).TextContentAsync());
        var arms = await benchmarks.Locator("tbody tr td:nth-of-type(1)").AllTextContentsAsync();
        Assert.Equal(DashboardSamples.AnalystModel().Benchmarks.Count, arms.Count);
        Assert.All(arms, a => Assert.Contains(a, new[] { "vertebroplasty", "kyphoplasty", "both procedures" }));
        var measures = await benchmarks.Locator("tbody tr td:nth-of-type(3)").AllTextContentsAsync();
        Assert.Contains("SF-36 physical component change", measures);
        Assert.Contains("Change in pain from baseline (0–10)", measures);
        Assert.All(measures, m => Assert.DoesNotMatch("_|^[a-z0-9 ]+$", m));
        var safety = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Safety beside published studies" }) });
        Assert.Contains("kaviar2014, kyphoplasty", await safety.Locator("tbody th").AllTextContentsAsync());
        Assert.Contains("kaviar2014, vertebroplasty", await safety.Locator("tbody th").AllTextContentsAsync());
        await Expect(page.Locator("svg#chart-safety .x-axis")).ToContainTextAsync("kyphoplasty");
        await Expect(page.Locator("svg#chart-pain .legend")).ToContainTextAsync("evolve2019 (kyphoplasty)");
        await Expect(page.Locator("svg#chart-pain .legend")).ToContainTextAsync("voormolen2006 (vertebroplasty)");
        await Expect(page.Locator("svg#chart-change .legend")).ToContainTextAsync("buchbinder2009 (vertebroplasty)");
        await Expect(page.Locator("svg#chart-funnel .legend")).ToContainTextAsync("Lower is better");
        Assert.Equal(14, await page.Locator("svg#chart-funnel .clinic-label").CountAsync());
    }

    /// <summary>At each screen size: tables, chart labels and legends as laid out, with a screenshot.</summary>
    private async Task MeasureAsync(IPage page, string name, List<string> problems)
    {
        foreach (var (width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);
            var found = (await Layout.TableProblemsAsync(page)).Concat(await Layout.ChartLabelProblemsAsync(page)).Concat(await Layout.LegendProblemsAsync(page)).ToList();
            Assert.True(await page.Locator("table").CountAsync() >= 5, "the dashboard's tables are there to measure");
            Assert.True(await page.Locator("svg.chart text").CountAsync() >= 20, "the charts' labels are there to measure");
            await ScreenshotAsync(page, $"dashboard-{name}-{width}x{height}");
            foreach (var chart in await page.Locator("svg.chart").AllAsync())
                await chart.ScreenshotAsync(new() { Path = Path.Combine(TestArtifacts.ScreenshotsFolder, TestArtifacts.SafeFileName($"dashboard-{name}-{width}x{height}-{await chart.GetAttributeAsync("id")}") + ".png") });
            output.WriteLine($"{name} at {width}x{height}: {found.Count} layout problem(s)");
            problems.AddRange(found.Select(p => $"{name} at {width}x{height}: {p}"));
        }
    }

    private async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestArtifacts.ScreenshotsFolder, TestArtifacts.SafeFileName(name) + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot of {page.Url}: {path}");
        return path;
    }
}

using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// What the accessibility tests do on every page: axe-core's verdict at a phone's size and a laptop's, with a
/// screenshot of each kept in the test results, and the browser context and sign-in they share.
/// </summary>
public sealed class PageChecks(ITestOutputHelper output)
{
    public static readonly IReadOnlyList<(string Name, int Width, int Height)> Sizes = [("phone", 390, 844), ("laptop", 1366, 768)];

    /// <summary>
    /// axe-core is injected as a script tag; the pages' Content-Security-Policy allows no script at all, so the test's
    /// browser context bypasses it (what the page itself would load is still checked by the pages' own tests).
    /// </summary>
    public static BrowserNewContextOptions Options(string locale) => new()
    {
        ViewportSize = new() { Width = Sizes[0].Width, Height = Sizes[0].Height },
        Locale = locale,
        BypassCSP = true,
    };

    public static bool IsFormPost(IResponse r) => r.Request.Method == "POST" && r.Request.IsNavigationRequest;

    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GetByLabel("Clinic or analyst key", new() { Exact = true }).FillAsync(key);
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), IsFormPost);
    }

    /// <summary>At each size: axe-core's verdict (logged, and added to <paramref name="found"/>) and a full-page screenshot.</summary>
    public async Task CheckAsync(IPage page, string name, List<string> found)
    {
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            var violations = await Axe.CheckAsync(page);
            var path = Path.Combine(TestArtifacts.ScreenshotsFolder, TestArtifacts.SafeFileName($"{name}-{size}-{width}x{height}") + ".png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"{name} at {width}x{height}: {violations.Count} axe-core violation(s); screenshot {path}");
            found.AddRange(violations.Select(v => $"{name} at {width}x{height}: {v}"));
        }
        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
    }
}

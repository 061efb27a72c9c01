using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// A page in its own phone-sized browser context (a patient's phone: 390x844 CSS pixels at twice the density,
/// touch, en-US) that records what went wrong while it was open: console errors and uncaught page errors in
/// <see cref="ConsoleErrors"/>, requests that failed in <see cref="FailedRequests"/>.
/// </summary>
public sealed class PhonePage : IAsyncDisposable
{
    public const int Width = 390;
    public const int Height = 844;

    private readonly List<string> consoleErrors = [];
    private readonly List<string> failedRequests = [];
    private readonly ITestOutputHelper? output;

    private PhonePage(IBrowserContext context, IPage page, ITestOutputHelper? output)
    {
        Context = context;
        Page = page;
        this.output = output;
        page.Console += (_, message) =>
        {
            // Chromium also logs every answer of 400 or more as "Failed to load resource": FailedRequests has those
            // that matter; the rest are the document the test asked for (it reads that status from GotoAsync)
            // and the /favicon.ico every browser asks for by itself.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource:", StringComparison.Ordinal))
                Record(consoleErrors, $"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => Record(consoleErrors, $"page error: {error}");
        page.RequestFailed += (_, request) => Record(failedRequests, $"{request.Method} {request.Url}: {request.Failure}");
        // The page's own document answers with whatever status the test expects (an expired link's page is a
        // 404); anything the document pulls in that answers 4xx or 5xx is a failure.
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Request.IsNavigationRequest)
                Record(failedRequests, $"{response.Request.Method} {response.Url}: {response.Status} {response.StatusText}");
        };
    }

    public static BrowserNewContextOptions ContextOptions => new()
    {
        ViewportSize = new() { Width = Width, Height = Height },
        ScreenSize = new() { Width = Width, Height = Height },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
        Locale = "en-US",
    };

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors { get { lock (consoleErrors) return consoleErrors.ToList(); } }

    /// <summary>Requests that got no answer, and sub-resources (not the page's document) that answered 4xx or 5xx.</summary>
    public IReadOnlyList<string> FailedRequests { get { lock (failedRequests) return failedRequests.ToList(); } }

    internal static async Task<PhonePage> OpenAsync(IBrowser browser, ITestOutputHelper? output)
    {
        var context = await browser.NewContextAsync(ContextOptions);
        return new PhonePage(context, await context.NewPageAsync(), output);
    }

    public Task<IResponse?> GotoAsync(string url) => Page.GotoAsync(url);

    /// <summary>
    /// Saves a screenshot as <c>screenshots/&lt;name&gt;.png</c> in the test results, logs its path and returns it: of the
    /// whole page, or of the first screen only (for a document too tall to be worth a picture of all of it).
    /// </summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var path = Path.Combine(TestArtifacts.ScreenshotsFolder, TestArtifacts.SafeFileName(name) + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        var saved = $"Screenshot of {Page.Url}: {path}";
        if (output is null) Console.WriteLine(saved);
        else output.WriteLine(saved);
        return path;
    }

    /// <summary>
    /// Fails the test unless the page is laid out at the phone's width without sideways scrolling. A phone lays
    /// out a page that declares no <c>&lt;meta name="viewport" content="width=device-width"&gt;</c> 980 CSS pixels
    /// wide and shrinks it to fit, too small to read: that fails here.
    /// </summary>
    public async Task AssertFitsThePhoneWidthAsync()
    {
        var layout = await Page.EvaluateAsync<int>("() => window.innerWidth");
        var content = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(layout == Width && content <= Width,
            $"The page at {Page.Url} is laid out {layout} CSS pixels wide with {content} of content; a phone shows {Width}.");
    }

    /// <summary>Fails the test, naming each one, if the page logged a console error or a request failed.</summary>
    public void AssertNoErrors()
    {
        var problems = ConsoleErrors.Concat(FailedRequests).ToList();
        Assert.True(problems.Count == 0, $"The page at {Page.Url} had {problems.Count} error(s):\n{string.Join('\n', problems)}");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Record(List<string> list, string problem)
    {
        lock (list) list.Add(problem);
        try { output?.WriteLine(problem); }
        catch (InvalidOperationException) { } // the test has already finished
    }
}

public static class PhoneBrowser
{
    /// <summary>A page in a new phone-sized context of this browser; <c>await using</c> it to close the context.</summary>
    public static Task<PhonePage> NewPhonePageAsync(this IBrowser browser, ITestOutputHelper? output = null) =>
        PhonePage.OpenAsync(browser, output);
}

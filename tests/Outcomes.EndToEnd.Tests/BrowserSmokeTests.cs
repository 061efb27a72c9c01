using System.Text.Json.Nodes;
using Outcomes.EndToEnd.Tests.Browser;
using Xunit.Abstractions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>A phone's browser (headless Debian Chromium) opens what the local host serves today.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class BrowserSmokeTests(LocalHostProcess host, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>
{
    private string Url(string path) => new Uri(host.Client.BaseAddress!, path).ToString();

    [Fact]
    public async Task A_phone_shows_the_health_report()
    {
        await using var page = await chromium.NewPhonePageAsync(output);

        var response = await page.GotoAsync(Url("/api/health"));

        Assert.Equal(200, response!.Status);
        var shown = JsonNode.Parse(await page.Page.Locator("body").InnerTextAsync())!;
        Assert.Equal("healthy", shown["status"]!.GetValue<string>());
        Assert.Equal("reachable", shown["tableStorage"]!.GetValue<string>());
        Assert.Equal(PhonePage.Width, await page.Page.EvaluateAsync<int>("() => screen.width"));
        Assert.Equal(2, await page.Page.EvaluateAsync<double>("() => window.devicePixelRatio"));
        Assert.True(await page.Page.EvaluateAsync<bool>("() => matchMedia('(pointer: coarse)').matches"));
        Assert.True(File.Exists(await page.ScreenshotAsync("health-on-a-phone")));
        page.AssertNoErrors();
    }

    [Fact]
    public async Task A_phone_lays_out_a_page_without_a_viewport_declaration_too_wide_to_read()
    {
        await using var page = await chromium.NewPhonePageAsync(output);

        await page.GotoAsync(Url("/api/health"));

        Assert.Equal(980, await page.Page.EvaluateAsync<int>("() => window.innerWidth"));
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(page.AssertFitsThePhoneWidthAsync);
    }

    [Fact]
    public async Task A_page_that_declares_the_device_width_fits_the_phone()
    {
        await using var page = await chromium.NewPhonePageAsync(output);

        await page.Page.SetContentAsync("""
            <!doctype html><html lang="en"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Survey</title><p>How bad is your back pain today?</p></html>
            """);

        await page.AssertFitsThePhoneWidthAsync();
        page.AssertNoErrors();
    }

    [Fact]
    public async Task What_goes_wrong_on_a_page_is_recorded_and_an_error_page_itself_is_not()
    {
        await using var page = await chromium.NewPhonePageAsync(output);

        var response = await page.GotoAsync(Url("/api/no-such-page"));
        var errorsOnTheErrorPage = page.ConsoleErrors.Concat(page.FailedRequests).ToList();
        await page.Page.SetContentAsync($"""
            <img src="{Url("/api/no-such-picture.png")}" alt=""><script>console.error("broken survey")</script>
            """);

        Assert.Equal(404, response!.Status);
        Assert.Empty(errorsOnTheErrorPage);
        Assert.Equal([$"GET {Url("/api/no-such-picture.png")}: 404 Not Found"], page.FailedRequests);
        Assert.StartsWith("console error: broken survey", Assert.Single(page.ConsoleErrors));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(page.AssertNoErrors);
    }

    [Fact]
    public async Task A_phone_shows_the_OpenAPI_document()
    {
        await using var page = await chromium.NewPhonePageAsync(output);

        var response = await page.GotoAsync(Url("/api/openapi.json"));

        Assert.Equal(200, response!.Status);
        var document = JsonNode.Parse(await page.Page.Locator("body").InnerTextAsync())!;
        Assert.Equal("Outcomes", document["info"]!["title"]!.GetValue<string>());
        Assert.NotNull(document["paths"]!["/api/procedures"]!["post"]);
        await page.ScreenshotAsync("openapi-on-a-phone", fullPage: false);   // the whole document is hundreds of screens tall
        page.AssertNoErrors();
    }
}

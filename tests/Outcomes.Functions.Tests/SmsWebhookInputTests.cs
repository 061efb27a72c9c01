using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outcomes.Testing;

namespace Outcomes.Functions.Tests;

/// <summary>
/// What anyone on the internet can send to <c>POST /api/sms/inbound</c> before the signature is checked: bodies too large,
/// forms the form reader cannot read, bytes no form should hold, framing that lies. Each is the sender's fault, so none is
/// answered 5xx; a body over <see cref="SmsForm.MaxBytes"/> is refused before it is read. Through the test server, and over
/// a bare socket to the handler on Kestrel, which is what the Functions host calls in Azure.
/// </summary>
public sealed class SmsWebhookInputTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string AuthToken = "test-twilio-auth-token-0c1d2e3f";
    private const string Marker = "4915112345678";   // a phone number in every body: never in a log
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private HttpClient Sms => field ??= Configured().CreateClient();

    private WebApplicationFactory<Program> Configured() => app.WithWebHostBuilder(b => b.UseSetting(ReceiveSmsReply.AuthTokenSetting, AuthToken));

    private static ByteArrayContent Form(byte[] body, string contentType = "application/x-www-form-urlencoded")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    public static TheoryData<string> Defects => new(MalformedBodies.Keys);

    private static readonly Dictionary<string, (byte[] Body, string ContentType, HttpStatusCode Expected)> MalformedBodies = new()
    {
        ["bad percent-encoding"] = (Latin1($"Body=%ZZ%&From=%2B{Marker}%&To=%"), "application/x-www-form-urlencoded", HttpStatusCode.Forbidden),
        ["invalid UTF-8, raw"] = (Latin1($"Body=\xFF\xFE\xC3&From=%2B{Marker}"), "application/x-www-form-urlencoded", HttpStatusCode.Forbidden),
        ["invalid UTF-8, percent-encoded"] = (Latin1($"Body=%FF%FE%C3%28&From=%2B{Marker}"), "application/x-www-form-urlencoded", HttpStatusCode.Forbidden),
        ["NUL bytes, raw"] = (Latin1($"Body=ST\0OP&From=%2B{Marker}\0&\0=\0"), "application/x-www-form-urlencoded", HttpStatusCode.Forbidden),
        ["NUL bytes, percent-encoded"] = (Latin1($"Body=ST%00OP&From=%2B{Marker}"), "application/x-www-form-urlencoded", HttpStatusCode.BadRequest),
        ["names and values missing"] = (Latin1($"=&&==&From&=%2B{Marker}"), "application/x-www-form-urlencoded", HttpStatusCode.Forbidden),
        ["unknown charset"] = (Latin1($"Body=STOP&From=%2B{Marker}"), "application/x-www-form-urlencoded; charset=no-such-charset", HttpStatusCode.Forbidden),
        ["more fields than the form reader takes"] = (Latin1($"From=%2B{Marker}" + string.Concat(Enumerable.Repeat("&a=1", 2_000))), "application/x-www-form-urlencoded", HttpStatusCode.BadRequest),
        ["a name longer than the form reader takes"] = (Latin1($"From=%2B{Marker}&{new string('k', 3_000)}=1"), "application/x-www-form-urlencoded", HttpStatusCode.BadRequest),
        ["multipart without a boundary"] = (Latin1($"Body=STOP&From=%2B{Marker}"), "multipart/form-data", HttpStatusCode.BadRequest),
        ["multipart cut off mid-part"] = (Latin1($"--b\r\nContent-Disposition: form-data; name=\"From\"\r\n\r\n+{Marker}"), "multipart/form-data; boundary=b", HttpStatusCode.BadRequest),
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task A_malformed_unsigned_form_is_refused_as_the_senders_fault_and_never_logged(string defect)
    {
        var (body, contentType, expected) = MalformedBodies[defect];

        var response = await Sms.PostAsync("/api/sms/inbound", Form(body, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.NotNull(await response.ReadProblemAsync());
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unsigned_5_MiB_form_is_413()
    {
        var response = await Sms.PostAsync("/api/sms/inbound", Form(Latin1($"From=%2B{Marker}&Body=" + new string('a', 5 * 1024 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("urn:outcomes:problem:body-too-large", (await response.ReadProblemAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_form_of_64_KiB_is_read_and_only_its_signature_refused()
    {
        var form = $"From=%2B{Marker}&Body=";
        var response = await Sms.PostAsync("/api/sms/inbound", Form(Latin1(form + new string('a', SmsForm.MaxBytes - form.Length))));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_signature_header_of_a_megabyte_is_403()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = Form(Latin1($"Body=STOP&From=%2B{Marker}")) };
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", new string('A', 1024 * 1024));

        var response = await Sms.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The handler on Kestrel, started for one test and stopped before its logs are read, so that they are all in.</summary>
    private async Task<(int Port, WebApplicationFactory<Program> Server)> KestrelAsync()
    {
        var server = Configured();
        server.UseKestrel(0);
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (new Uri(address).Port, server);
    }

    private static string Head(string framing) =>
        $"POST /api/sms/inbound HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n{framing}\r\nConnection: close\r\n\r\n";

    private async Task<RawResponse?> OverKestrelAsync(string head, string body, bool thenClose)
    {
        var (port, server) = await KestrelAsync();
        await using (server)
        {
            using var client = await RawHttp.ConnectAsync(port);
            await client.SendAsync(head + body);
            if (thenClose) client.StopSending();
            return await client.ReadResponseAsync(Patience);
        }
    }

    private void AssertNothingLoggedAsAnError(int after) =>
        Assert.DoesNotContain(app.Logs.Lines.Skip(after), l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));

    [Fact]
    public async Task A_content_length_of_5_MiB_is_413_before_the_body_comes()
    {
        var logged = app.Logs.Lines.Count;

        var response = await OverKestrelAsync(Head($"Content-Length: {5 * 1024 * 1024}"), $"From=%2B{Marker}&Body=aaaa", thenClose: false);

        Assert.Equal(413, response?.Status);   // the rest of the body never comes: a server that waited for it would answer 408, or never
        Assert.Contains("urn:outcomes:problem:body-too-large", response!.Body);
        AssertNothingLoggedAsAnError(after: logged);
    }

    [Fact]
    public async Task A_chunked_form_that_runs_past_64_KiB_is_413_before_it_ends()
    {
        var chunk = $"From=%2B{Marker}&Body=" + new string('a', 8 * 1024);
        var chunks = string.Concat(Enumerable.Repeat($"{chunk.Length:x}\r\n{chunk}\r\n", 9));   // about 72 KiB, and no last chunk
        var logged = app.Logs.Lines.Count;

        var response = await OverKestrelAsync(Head("Transfer-Encoding: chunked"), chunks, thenClose: false);

        Assert.Equal(413, response?.Status);
        Assert.Contains("urn:outcomes:problem:body-too-large", response!.Body);
        AssertNothingLoggedAsAnError(after: logged);
    }

    [Fact]
    public async Task An_invalid_chunk_size_is_400()
    {
        var logged = app.Logs.Lines.Count;

        var response = await OverKestrelAsync(Head("Transfer-Encoding: chunked"), $"zz\r\nBody=STOP&From=%2B{Marker}\r\n0\r\n\r\n", thenClose: false);

        Assert.Equal((400, "application/problem+json"), (response?.Status, response?.ContentType));
        AssertNothingLoggedAsAnError(after: logged);
    }

    [Fact]
    public async Task A_sender_that_stalls_short_of_its_content_length_gets_408()
    {
        var logged = app.Logs.Lines.Count;

        var response = await OverKestrelAsync(Head("Content-Length: 1000"), $"Body=STOP&From=%2B{Marker}", thenClose: false);

        Assert.Equal((408, "application/problem+json"), (response?.Status, response?.ContentType));   // Kestrel's MinRequestBodyDataRate
        AssertNothingLoggedAsAnError(after: logged);
    }

    [Fact]
    public async Task A_sender_that_closes_short_of_its_content_length_is_not_a_server_error()
    {
        var logged = app.Logs.Lines.Count;

        var response = await OverKestrelAsync(Head("Content-Length: 1000"), $"Body=STOP&From=%2B{Marker}", thenClose: true);

        Assert.True(response is null || response.Status == 400, $"answered {response?.Status}");   // Kestrel takes a closed half as a closed connection
        AssertNothingLoggedAsAnError(after: logged);
    }

    [Fact]
    public async Task A_header_over_kestrels_limit_is_431_from_kestrel()
    {
        var logged = app.Logs.Lines.Count;

        var response = await OverKestrelAsync(Head($"X-Twilio-Signature: {new string('A', 64 * 1024)}\r\nContent-Length: 9"), "Body=STOP", thenClose: false);

        Assert.Equal(431, response?.Status);
        AssertNothingLoggedAsAnError(after: logged);
    }
}

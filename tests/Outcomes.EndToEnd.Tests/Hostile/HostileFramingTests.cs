using System.Text;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// Broken HTTP framing at the doors that read a body, proxied (events), wrapped (clinic answers, survey answers) and
/// form doors (sign-in, the registration form, SMS webhook): the local host and the handler answer 400, 408 or 413, as Kestrel would, never 5xx.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileFramingTests(HostileHost app)
{
    private static readonly string[] Doors =
    [
        "POST /api/procedures/{procedureId}/events", "POST /api/procedures/{procedureId}/responses", "POST /api/surveys/{token}",
        "POST /api/dashboard/sign-in", "POST /api/dashboard/register", "POST " + ApiDoors.SmsWebhook,
    ];

    /// <summary>Each door's ordinary request (key, content type, a body it refuses), taken apart for framing it by hand.</summary>
    private IEnumerable<(Probe Probe, string[] Headers, byte[] Body)> Requests()
    {
        foreach (var name in Doors)
        {
            var door = app.Doors[name];
            var carrier = DoorProbes.Carriers(app, door).First();
            yield return (carrier, [.. carrier.Headers.Select(h => $"{h.Key}: {h.Value}"), $"Content-Type: {carrier.ContentType}"], carrier.Body!);
        }
    }

    private RawProbe Raw((Probe Probe, string[] Headers, byte[] Body) request, string input, IEnumerable<string> headers, byte[] body) =>
        RawProbe.Of(request.Probe with { Input = input, Statuses = [] }, app.Host.Port, request.Headers.Concat(headers), body);

    private static byte[] Chunk(byte[] data) => [.. Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), .. data, .. "\r\n"u8];

    /// <summary>The bodies that stop short, all at once: each waits out the server's body timeout (a 408).</summary>
    [Fact]
    public async Task The_local_host_answers_a_lying_content_length_or_a_body_that_stops_short_without_a_5xx()
    {
        await app.FreshenAsync();
        var probes = Requests().SelectMany(r => new[]
        {
            Raw(r, "Content-Length 100 more than the body, the rest never sent", [$"Content-Length: {r.Body.Length + 100}"], r.Body),
            Raw(r, "Content-Length 1 MiB, 10 bytes sent", ["Content-Length: 1048576"], r.Body[..10]),
            Raw(r, "a chunk 100 bytes short, the rest never sent", ["Transfer-Encoding: chunked"],
                [.. Encoding.ASCII.GetBytes($"{r.Body.Length + 100:x}\r\n"), .. r.Body]),
            Raw(r, "the last chunk never sent", ["Transfer-Encoding: chunked"], Chunk(r.Body)),
        }).ToList();

        var report = await HostileRun.SendRawAsync(app, nameof(The_local_host_answers_a_lying_content_length_or_a_body_that_stops_short_without_a_5xx), probes);

        Assert.Equal(4 * Doors.Length, probes.Count);
        report.AssertClean();
    }

    [Fact]
    public async Task Broken_chunked_framing_is_a_4xx_not_a_5xx()
    {
        await app.FreshenAsync();
        var probes = Requests().SelectMany(r => new[]
        {
            Raw(r, "chunk size 'zz'", ["Transfer-Encoding: chunked"], [.. "zz\r\n"u8, .. r.Body, .. "\r\n0\r\n\r\n"u8]),
            Raw(r, "a chunk size past 64 bits", ["Transfer-Encoding: chunked"], [.. "fffffffffffffffffffff\r\n"u8, .. r.Body, .. "\r\n0\r\n\r\n"u8]),
            Raw(r, "a chunk without its CRLF", ["Transfer-Encoding: chunked"], [.. Encoding.ASCII.GetBytes($"{r.Body.Length:x}\r\n"), .. r.Body, .. "XX0\r\n\r\n"u8]),
            Raw(r, "70 KiB in 1 KiB chunks", ["Transfer-Encoding: chunked"],
                [.. Enumerable.Range(0, 70).SelectMany(_ => Chunk(Encoding.ASCII.GetBytes(new string('c', 1024)))), .. "0\r\n\r\n"u8]),
        }).ToList();

        var report = await HostileRun.SendRawAsync(app, nameof(Broken_chunked_framing_is_a_4xx_not_a_5xx), probes);

        Assert.Equal(4 * Doors.Length, probes.Count);
        report.AssertClean();
    }

    [Fact]
    public async Task Conflicting_or_invalid_lengths_and_headers_are_a_4xx_not_a_5xx()
    {
        await app.FreshenAsync();
        var probes = Requests().SelectMany(r => new[]
        {
            Raw(r, "Content-Length and Transfer-Encoding both", [$"Content-Length: {r.Body.Length}", "Transfer-Encoding: chunked"], [.. Chunk(r.Body), .. "0\r\n\r\n"u8]),
            Raw(r, "two different Content-Lengths", [$"Content-Length: {r.Body.Length}", $"Content-Length: {r.Body.Length + 1}"], r.Body),
            Raw(r, "Content-Length 'abc'", ["Content-Length: abc"], r.Body),
            Raw(r, "Content-Length -1", ["Content-Length: -1"], r.Body),
            Raw(r, "a NUL in a header value", [$"Content-Length: {r.Body.Length}", "X-Hostile: a\0b"], r.Body),
            Raw(r, "raw UTF-8 in a header value", [$"Content-Length: {r.Body.Length}", "X-Hostile: M\u00c3\u00bcller"], r.Body),
            Raw(r, "a folded header line", [$"Content-Length: {r.Body.Length}", "X-Hostile: a\r\n b"], r.Body),
            Raw(r, "a header line without a colon", [$"Content-Length: {r.Body.Length}", "X-Hostile"], r.Body),
        }).ToList();

        var report = await HostileRun.SendRawAsync(app, nameof(Conflicting_or_invalid_lengths_and_headers_are_a_4xx_not_a_5xx), probes);

        Assert.Equal(8 * Doors.Length, probes.Count);
        report.AssertClean();
    }
}

using System.Net.Sockets;
using System.Text;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// A request written byte by byte on a socket, for what no HTTP client sends: a Content-Length larger than the body, a
/// broken chunk, a body that stops short, a NUL in a header. <see cref="Probe"/> names it in the report; the bytes go as
/// given, and the connection stays open for the answer (Kestrel takes a client's half-close as its going away, and
/// answers nothing then, as any server may).
/// </summary>
internal sealed record RawProbe(Probe Probe, byte[] Head, byte[] Body)
{
    /// <summary>Past Kestrel's request body timeout (its minimum data rate allows a 5 s grace), with room for a loaded machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    /// <summary>The request line and headers (Host and <c>Connection: close</c> added), then the body as given.</summary>
    public static RawProbe Of(Probe probe, int port, IEnumerable<string> headers, byte[] body)
    {
        var head = new StringBuilder($"{probe.Method} {probe.Target} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n");
        foreach (var header in headers)
            head.Append(header).Append("\r\n");
        head.Append("\r\n");
        return new RawProbe(probe, Encoding.Latin1.GetBytes(head.ToString()), body);
    }

    /// <summary>Sends it and reads the answer until the server closes, or says why there was none.</summary>
    public async Task<(Answer? Answer, string? Failure)> SendAsync(int port)
    {
        using var client = new TcpClient();
        using var limit = new CancellationTokenSource(Patience);
        try
        {
            await client.ConnectAsync("127.0.0.1", port, limit.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Head, limit.Token);
            await stream.WriteAsync(Body, limit.Token);
            using var received = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int n;
            while ((n = await stream.ReadAsync(buffer, limit.Token)) > 0)
                received.Write(buffer, 0, n);
            return received.Length == 0 ? (null, "the server closed the connection without an answer") : (Parse(received.ToArray()), null);
        }
        catch (OperationCanceledException)
        {
            return (null, $"no answer within {Patience.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return (null, $"the connection broke: {e.Message}");
        }
    }

    /// <summary>The status, media type and body of the answer; it always closes the connection, as the request asked.</summary>
    private static Answer Parse(byte[] response)
    {
        var end = response.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.Latin1.GetString(response, 0, end < 0 ? response.Length : end);
        var body = end < 0 ? [] : response[(end + 4)..];
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        string? Header(string name) => lines.Skip(1).Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).FirstOrDefault();
        if (Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            body = Dechunk(body);
        return new Answer(status, Header("Content-Type")?.Split(';')[0].Trim(), Encoding.UTF8.GetString(body), ClosesConnection: true);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0 || !int.TryParse(Encoding.ASCII.GetString(chunked, at, lineEnd).Split(';')[0],
                    System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
                break;
            var start = at + lineEnd + 2;
            body.Write(chunked, start, Math.Min(size, chunked.Length - start));
            at = start + size + 2;
        }
        return body.ToArray();
    }
}

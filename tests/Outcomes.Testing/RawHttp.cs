using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Outcomes.Testing;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient will not send: a Content-Length that lies, a bad chunk, a body that
/// stops. Every read has a time limit; none waits on a clock instead of the server.
/// </summary>
public sealed class RawHttp : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var raw = new RawHttp();
        await raw.socket.ConnectAsync(IPAddress.Loopback, port);
        return raw;
    }

    /// <summary>Sends the text byte for byte (Latin-1), CRLFs and all.</summary>
    public async Task SendAsync(string text) => await socket.SendAsync(Encoding.Latin1.GetBytes(text), SocketFlags.None);

    /// <summary>Closes the sending half (FIN): the server sees the body end where it stopped, and can still answer.</summary>
    public void StopSending() => socket.Shutdown(SocketShutdown.Send);

    /// <summary>Drops the connection with a TCP reset, as a client that crashes or loses its network does.</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>
    /// Reads until the server closes the connection (requests here say <c>Connection: close</c>, and a bad one closes it anyway);
    /// null when it closes without a byte of answer.
    /// </summary>
    public async Task<RawResponse?> ReadResponseAsync(TimeSpan within)
    {
        using var limit = new CancellationTokenSource(within);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token)) > 0)
                received.Write(buffer, 0, n);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete answer within {within}; got: {Encoding.Latin1.GetString(received.ToArray())}");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset) { }   // closed with a reset, after an answer or none
        return received.Length == 0 ? null : RawResponse.Parse(Encoding.Latin1.GetString(received.ToArray()));
    }

    public void Dispose() => socket.Dispose();
}

public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value.Split(';')[0].Trim() : null;

    /// <param name="text">The bytes as Latin-1, one character each, so that chunk sizes count bytes; the body comes back as UTF-8.</param>
    public static RawResponse Parse(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || end < 0)
            throw new FormatException($"Not an HTTP/1.1 response: '{text}'");
        var head = text[..end].Split("\r\n");
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(h => h[0], h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = Unchunk(body);
        return new RawResponse(int.Parse(head[0].Split(' ')[1]), headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)));
    }

    private static string Unchunk(string body)
    {
        var text = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..lineEnd].Split(';')[0], 16);
            if (size == 0) return text.ToString();
            text.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}

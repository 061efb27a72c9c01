using System.Globalization;
using System.Text;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>The start line and framing headers of one HTTP/1.1 message.</summary>
internal sealed record HttpHead(string Method, string Target, int Status, long? ContentLength, bool Chunked);

/// <summary>
/// Follows the HTTP/1.1 messages of one direction of a connection as its bytes pass, without holding them up: finds each
/// message's head and skips its body by <c>Content-Length</c> or chunked framing, then reports the message (with its body
/// when <c>capture</c> asked for it, up to 64 KB). Interim responses (1xx) are passed over.
/// </summary>
internal sealed class HttpFraming(bool responses, Func<HttpHead, bool> capture, Action<HttpHead, byte[]?> complete)
{
    private enum State { Head, Body, ChunkLine, ChunkData, ChunkEnd, Trailers, UntilClose }

    private const int MaxLine = 1 << 16;
    private const int MaxCapture = 1 << 16;
    private readonly MemoryStream line = new();
    private readonly List<string> headLines = [];
    private State state;
    private long left;
    private HttpHead? head;
    private MemoryStream? body;

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
            switch (state)
            {
                case State.Head or State.ChunkLine or State.Trailers:
                    var end = data.IndexOf((byte)'\n');
                    var take = end < 0 ? data.Length : end + 1;
                    if (line.Length + take > MaxLine)
                        throw new FormatException("An HTTP line longer than 64 KB.");
                    line.Write(data[..take]);
                    data = data[take..];
                    if (end >= 0)
                        EndOfLine();
                    break;
                case State.Body or State.ChunkData or State.ChunkEnd:
                    var n = (int)Math.Min(left, data.Length);
                    if (state != State.ChunkEnd)
                        Capture(data[..n]);
                    data = data[n..];
                    left -= n;
                    if (left == 0)
                        (state, left) = state switch
                        {
                            State.ChunkData => (State.ChunkEnd, 2L),
                            State.ChunkEnd => (State.ChunkLine, 0L),
                            _ => (Complete(), 0L),
                        };
                    break;
                default:   // a response framed by the connection's close
                    Capture(data);
                    data = default;
                    break;
            }
    }

    private void EndOfLine()
    {
        var text = Encoding.Latin1.GetString(line.GetBuffer(), 0, (int)line.Length).TrimEnd('\r', '\n');
        line.SetLength(0);
        switch (state)
        {
            case State.Head when text.Length > 0:
                headLines.Add(text);
                break;
            case State.Head when headLines.Count > 0:
                Start(Parse(headLines));
                headLines.Clear();
                break;
            case State.ChunkLine:
                var size = long.Parse(text.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                (state, left) = size == 0 ? (State.Trailers, 0L) : (State.ChunkData, size);
                break;
            case State.Trailers when text.Length == 0:
                state = Complete();
                break;
        }
    }

    private HttpHead Parse(List<string> lines)
    {
        var start = lines[0].Split(' ', 3);
        if (start.Length < 2)
            throw new FormatException($"Not an HTTP start line: '{lines[0]}'.");
        long? length = null;
        var chunked = false;
        foreach (var header in lines.Skip(1))
        {
            var colon = header.IndexOf(':');
            if (colon <= 0) continue;
            var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                length = long.Parse(value, CultureInfo.InvariantCulture);
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        }
        return responses
            ? new HttpHead("", "", int.Parse(start[1], CultureInfo.InvariantCulture), length, chunked)
            : new HttpHead(start[0], start[1], 0, length, chunked);
    }

    private void Start(HttpHead message)
    {
        if (responses && message.Status is >= 100 and < 200)
            return;   // 100 Continue and the like: the real response follows
        head = message;
        body = capture(message) ? new MemoryStream() : null;
        (state, left) = message switch
        {
            { Status: 204 or 304 } => (Complete(), 0L),
            { Chunked: true } => (State.ChunkLine, 0L),
            { ContentLength: > 0 and var length } => (State.Body, length),
            { ContentLength: 0 } => (Complete(), 0L),
            _ when responses => (State.UntilClose, 0L),
            _ => (Complete(), 0L),
        };
    }

    private void Capture(ReadOnlySpan<byte> data)
    {
        if (body is not null && body.Length < MaxCapture)
            body.Write(data[..Math.Min(data.Length, MaxCapture - (int)body.Length)]);
    }

    private State Complete()
    {
        complete(head!, body?.ToArray());
        (head, body) = (null, null);
        return State.Head;
    }
}

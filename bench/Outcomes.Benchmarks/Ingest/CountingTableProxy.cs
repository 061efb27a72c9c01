using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>
/// A reverse proxy in front of Azurite's Table endpoint that counts what passes: the handler's <c>TableEndpoint</c> points
/// here. It relays each connection's bytes as they come (nothing is parsed into objects or rewritten, so it costs a copy
/// per direction) and follows the HTTP framing beside them to tell <see cref="TableRequestCounts"/> each request and the
/// status it got and the time from its last byte sent to its answer's last byte. Requests on a connection are answered in order, so each response is paired with the oldest request
/// still waiting on that connection.
/// </summary>
internal sealed class CountingTableProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int upstreamPort;
    private readonly TableRequestCounts counts;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<Task, bool> relays = new();
    private readonly Task accepting;

    public CountingTableProxy(int upstreamPort, TableRequestCounts counts)
    {
        (this.upstreamPort, this.counts) = (upstreamPort, counts);
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var relay = RelayAsync(client);
            relays[relay] = true;
            _ = relay.ContinueWith(t => relays.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var downstream = client;
        using var upstream = new TcpClient();
        downstream.NoDelay = upstream.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return;
        }
        var waiting = new ConcurrentQueue<(TableRequest Request, long Sent)>();
        var requests = new HttpFraming(false, head => head.Target.Contains("$batch", StringComparison.Ordinal),
            (head, body) => waiting.Enqueue((counts.Classify(head, body), Stopwatch.GetTimestamp())));
        var responses = new HttpFraming(true, head => head.Status == 202,   // a $batch answers 202; its operations' statuses are in the body
            (head, body) =>
            {
                var (request, sent) = waiting.TryDequeue(out var oldest) ? oldest : (TableRequest.Unpaired, Stopwatch.GetTimestamp());
                counts.Record(request, head.Status, body, Stopwatch.GetElapsedTime(sent));
            });
        var (clientStream, serverStream) = (downstream.GetStream(), upstream.GetStream());
        // Whichever side closes first ends the connection: closing both sockets ends the other pump.
        await Task.WhenAny(PumpAsync(clientStream, serverStream, requests), PumpAsync(serverStream, clientStream, responses));
    }

    /// <summary>Copies one direction, framing each chunk before it is forwarded (so a request is counted before it can be answered).</summary>
    private async Task PumpAsync(Stream from, Stream to, HttpFraming framing)
    {
        var buffer = new byte[64 * 1024];
        var framed = true;
        try
        {
            while (await from.ReadAsync(buffer, stop.Token) is var read and > 0)
            {
                if (framed)
                {
                    try
                    {
                        framing.Feed(buffer.AsSpan(0, read));
                    }
                    catch (FormatException e)
                    {
                        framed = false;   // keep relaying, but say that this connection's requests are no longer counted
                        counts.FramingLost(e.Message);
                    }
                }
                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(relays.Keys);
        stop.Dispose();
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>One Table Storage request as counted: what it does ("GET Procedures(followup-1w)") and its kind (method, or $batch).</summary>
internal sealed record TableRequest(string Label, string Kind)
{
    public static readonly TableRequest Unpaired = new("(a response without its request)", "?");
}

/// <summary>How often one kind of request was made, what it got, and how long Azurite took over all of them.</summary>
internal sealed record CountedRequest(TableRequest Request, IReadOnlyDictionary<string, int> Statuses, TimeSpan Took)
{
    public int Count => Statuses.Values.Sum();

    public double MeanMilliseconds => Took.TotalMilliseconds / Count;
}

/// <summary>
/// The Table Storage requests the counting proxy saw while <see cref="Recording"/> was on, each with the status it got
/// (for a <c>$batch</c>, the status of its operations: Azurite answers 202 and puts a failing operation's 409 or 412 in the
/// body). Requests are named by table (without the run's prefix) and by the kind of row they touch, so the breakdown reads
/// as what the handler did: <c>GET Procedures(followup-1w)</c> is a point read of a follow-up row,
/// <c>GET Procedures query from RowKey 'followup-'</c> a partition query, <c>POST AuditTrail</c> an insert,
/// <c>$batch: POST OutcomeTallies + PUT OutcomeTallies(month)</c> a transaction of an insert and a replace.
/// </summary>
internal sealed partial class TableRequestCounts(string tablePrefix)
{
    public static readonly string[] Kinds = ["GET", "POST", "PUT", "PATCH", "MERGE", "DELETE", "$batch"];

    private readonly Lock gate = new();
    private readonly Dictionary<TableRequest, (Dictionary<string, int> Statuses, TimeSpan Took)> counts = [];
    private readonly List<string> framingLost = [];

    public volatile bool Recording;
    private long lastRecorded;

    /// <summary>
    /// Waits until no request (recorded or not) has been answered for <paramref name="quiet"/> (the handler writes some tallies a moment
    /// after it answered the delivery), and returns when the last one was answered.
    /// </summary>
    public async Task<long> QuietAsync(TimeSpan quiet)
    {
        while (true)
        {
            var last = Interlocked.Read(ref lastRecorded);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(last) >= quiet)
                return last;
            await Task.Delay(quiet / 4);
        }
    }

    public TableRequest Classify(HttpHead head, byte[]? body)
    {
        var (path, _) = Split(head.Target);
        if (!path.EndsWith("/$batch", StringComparison.Ordinal))
            return new TableRequest(Describe(head.Method, head.Target), head.Method);
        var operations = body is null ? [] : Operation().Matches(Encoding.UTF8.GetString(body))
            .Select(m => Describe(m.Groups["method"].Value, m.Groups["target"].Value)).ToList();
        // A transaction holding several changes of one kind (the tallies' batches) is named once, whatever their number.
        var named = operations.Distinct().Select(o => operations.Count(p => p == o) > 1 ? o + " ×n" : o).ToList();
        return new TableRequest($"$batch: {(named.Count == 0 ? "?" : string.Join(" + ", named))}", "$batch");
    }

    /// <param name="took">From the request's last byte leaving the proxy to its answer's last byte arriving: Azurite's time.</param>
    public void Record(TableRequest request, int status, byte[]? body, TimeSpan took)
    {
        Interlocked.Exchange(ref lastRecorded, System.Diagnostics.Stopwatch.GetTimestamp());
        if (!Recording)
            return;
        var outcome = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Kind == "$batch" && body is not null)
        {
            var inner = InnerStatus().Matches(Encoding.UTF8.GetString(body)).Select(m => m.Groups[1].Value).ToList();
            if (inner.Count > 0)
                outcome = inner.FirstOrDefault(s => s[0] != '2') ?? inner[0];
        }
        lock (gate)
        {
            var (statuses, total) = counts.TryGetValue(request, out var seen) ? seen : ([], TimeSpan.Zero);
            statuses[outcome] = statuses.GetValueOrDefault(outcome) + 1;
            counts[request] = (statuses, total + took);
        }
    }

    public void FramingLost(string why)
    {
        lock (gate) framingLost.Add(why);
    }

    public IReadOnlyList<string> FramingProblems
    {
        get { lock (gate) return framingLost.ToList(); }
    }

    /// <summary>How many requests were recorded in all.</summary>
    public int Total => Snapshot().Sum(c => c.Count);

    /// <summary>What was recorded, by request, each with its statuses and the total time Azurite took; most frequent first.</summary>
    public IReadOnlyList<CountedRequest> Snapshot()
    {
        lock (gate)
            return counts.Select(c => new CountedRequest(c.Key, new SortedDictionary<string, int>(c.Value.Statuses, StringComparer.Ordinal), c.Value.Took))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Request.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What was recorded by kind of request, with Azurite's mean time for each: a query's starting key (a day, a procedure
    /// id, a continuation) is left out of its name, so the queries of one kind count together.
    /// </summary>
    public IReadOnlyDictionary<string, (int Count, double MeanMilliseconds)> ByKind() =>
        SnapshotByKind().ToDictionary(c => c.Request.Label, c => (c.Count, c.MeanMilliseconds));

    /// <summary>What was recorded, as <see cref="Snapshot"/>, with the queries of one kind (their starting key left out of their name) together.</summary>
    public IReadOnlyList<CountedRequest> SnapshotByKind() =>
        Snapshot().GroupBy(c => QueryFromName().Replace(c.Request.Label, "query from RowKey '…'"))
            .Select(g => new CountedRequest(g.First().Request with { Label = g.Key },
                new SortedDictionary<string, int>(g.SelectMany(c => c.Statuses).GroupBy(s => s.Key).ToDictionary(s => s.Key, s => s.Sum(x => x.Value)), StringComparer.Ordinal),
                TimeSpan.FromTicks(g.Sum(c => c.Took.Ticks))))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Request.Label, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Prints, for apps measured side by side, each kind of request with its count and mean time in each and the ratio of
    /// the last app's mean time to the first's: what grows with what is stored, and what does not.
    /// </summary>
    public static void PrintByKind(IReadOnlyList<(string Name, TableRequestCounts Counts)> apps)
    {
        var kinds = apps.Select(a => a.Counts.ByKind()).ToList();
        Console.WriteLine($"| request | {string.Join(" | ", apps.Select(a => $"count ({a.Name})"))} | {string.Join(" | ", apps.Select(a => $"mean ms ({a.Name})"))} | ratio |");
        Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---:|", apps.Count * 2))}---:|");
        foreach (var label in kinds.SelectMany(k => k.Keys).Distinct().OrderByDescending(l => kinds[^1].GetValueOrDefault(l).Count))
        {
            var each = kinds.Select(k => k.GetValueOrDefault(label)).ToList();
            var ratio = each[0].Count == 0 || each[^1].Count == 0 ? "" : (each[^1].MeanMilliseconds / each[0].MeanMilliseconds).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"| {label} | {string.Join(" | ", each.Select(e => e.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} | " +
                              $"{string.Join(" | ", each.Select(e => e.Count == 0 ? "" : e.MeanMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} | {ratio} |");
        }
    }

    private string Describe(string method, string target)
    {
        var (path, query) = Split(target);
        var resource = Uri.UnescapeDataString(path[(path.IndexOf('/', 1) + 1)..]);   // after "/devstoreaccount1/"
        var open = resource.IndexOf('(');
        var table = open < 0 ? resource : resource[..open];
        if (table.StartsWith(tablePrefix, StringComparison.Ordinal))
            table = table[tablePrefix.Length..];
        if (table == "Tables")
            return $"{method} Tables";
        if (RowKey().Match(resource) is { Success: true } key)
            return $"{method} {table}({RowKind(key.Groups[1].Value.Replace("''", "'"))})";
        if (method != "GET" && !query.Contains("$filter", StringComparison.Ordinal))
            return $"{method} {table}";
        return QueryFrom().Match(Uri.UnescapeDataString(query)) is { Success: true } from
            ? $"{method} {table} query from RowKey '{from.Groups[1].Value}'"
            : $"{method} {table} query";
    }

    /// <summary>The kind of row a key names: the app's fixed row keys as they are, a month row, a marker, or an id.</summary>
    private static string RowKind(string rowKey) => rowKey switch
    {
        _ when MonthKey().IsMatch(rowKey) => "month",
        ['~', ..] => "~marker",
        _ when ProcedureRow().Match(rowKey) is { Success: true } row => "{procedure}_" + (row.Groups[1].Value.StartsWith("audit-", StringComparison.Ordinal) ? "audit-…" : row.Groups[1].Value),
        { Length: <= 16 } when !rowKey.Any(char.IsDigit) || rowKey.Contains('-') => rowKey,
        _ => "id",
    };

    private static (string Path, string Query) Split(string target)
    {
        if (target.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(target, UriKind.Absolute, out var absolute))
            target = absolute.PathAndQuery;   // the operations inside a $batch name their URLs in full
        var mark = target.IndexOf('?');
        return mark < 0 ? (target, "") : (target[..mark], target[mark..]);
    }

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|PATCH|MERGE|DELETE) (?<target>\S+) HTTP/1\.1\r?$", RegexOptions.Multiline)]
    private static partial Regex Operation();

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})", RegexOptions.Multiline)]
    private static partial Regex InnerStatus();

    [GeneratedRegex(@"RowKey='((?:[^']|'')*)'")]
    private static partial Regex RowKey();

    [GeneratedRegex(@"RowKey (?:gt|ge) '((?:[^']|'')*)'")]
    private static partial Regex QueryFrom();

    [GeneratedRegex(@"^[0-9a-f]{32}_(.+)$")]
    private static partial Regex ProcedureRow();

    [GeneratedRegex("query from RowKey '[^']*'")]
    private static partial Regex QueryFromName();

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex MonthKey();
}

using System.Text.Json;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>What a refused request must answer with.</summary>
internal enum Shape
{
    /// <summary>RFC 9457 problem details: <c>application/problem+json</c> with type, title and status.</summary>
    Problem,

    /// <summary>An HTML page (<c>text/html</c>): the patients' pages and the dashboard's forms.</summary>
    Page,

    /// <summary>Either: the dashboard asked for HTML answers a browser with a page and a bearer-key client with a problem.</summary>
    PageOrProblem,
}

/// <summary>
/// One hostile request: the door it attacks (the document's method and route), what is wrong with it, said short, the
/// request itself, and what it must get: a refusal (any 4xx unless <see cref="Statuses"/> names some), or, when
/// <see cref="MayBeServed"/>, anything but a 5xx (an unknown query parameter on a page that reads none).
/// </summary>
internal sealed record Probe(string Door, string Input, string Method, string Target)
{
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Sent with <c>Transfer-Encoding: chunked</c>, no length announced.</summary>
    public bool Chunked { get; init; }

    public IReadOnlyList<int> Statuses { get; init; } = [];

    public bool MayBeServed { get; init; }

    /// <summary>Text that must not come back: a long run of a huge value (a problem may quote a bounded excerpt, never the whole).</summary>
    public string? NeverEchoed { get; init; }

    /// <summary>Where each numbered marker went (<see cref="HostileText.Marker"/>), when one request carries several.</summary>
    public IReadOnlyDictionary<int, string> Places { get; init; } = new Dictionary<int, string>();

    public Probe WithKey(string? key) => key is null ? this : WithHeader("Authorization", "Bearer " + key);

    public Probe WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public Probe WithJson(byte[] body, string? mediaType = null) => this with { Body = body, ContentType = mediaType ?? "application/json" };

    public Probe WithForm(byte[] body) => this with { Body = body, ContentType = "application/x-www-form-urlencoded" };

    public Probe Expecting(params int[] statuses) => this with { Statuses = statuses };

    public override string ToString() => $"{Method} {HostileText.Show(Target, 110)} [{Door}] {Input}";
}

/// <summary>What came back: the status, the media type, the body as text, and whether the server closed the connection.</summary>
internal sealed record Answer(int Status, string? MediaType, string Body, bool ClosesConnection)
{
    public string Excerpt => HostileText.Show(Body.Replace('\n', ' ').Replace('\r', ' '), 220);

    /// <summary>
    /// Kestrel's own refusal of a request it cannot take (a NUL in the target, a line too long, broken framing): a
    /// bodiless 4xx that closes the connection, sent before any app sees the request. No app can shape it.
    /// </summary>
    public bool IsServerRefusal => Status is >= 400 and < 500 && Body.Length == 0 && MediaType is null && ClosesConnection;
}

/// <summary>One thing wrong with one answer, under the cause it is grouped by in the report.</summary>
internal sealed record Finding(string Cause, Probe Probe, Answer? Answer, string? Detail = null)
{
    public override string ToString() => Answer is null
        ? $"{Probe}{(Detail is null ? "" : $" → {Detail}")}"
        : $"{Probe} → {Answer.Status} {Answer.MediaType ?? "(no content type)"} {(Detail is null ? "" : $"[{Detail}] ")}{Answer.Excerpt}";
}

/// <summary>The rules every answer to a hostile request is held to.</summary>
internal static class Verdict
{
    public static IEnumerable<Finding> Judge(Probe probe, Answer answer, Shape shape)
    {
        Finding Because(string cause) => new(cause, probe, answer);

        if (answer.Status >= 500)
            yield return Because($"{answer.Status}: a server error for a hostile input");
        else if (probe.Statuses.Count > 0 && !probe.Statuses.Contains(answer.Status) && !answer.IsServerRefusal)
            yield return Because($"{string.Join(" or ", probe.Statuses)} expected, {answer.Status} given");
        else if (!probe.MayBeServed && answer.Status < 400)
            yield return Because($"{answer.Status}: a hostile input was accepted");

        if (answer.Status is >= 400 and < 500 && !answer.IsServerRefusal && ShapeFault(answer, shape) is { } fault)
            yield return Because(fault);

        foreach (var core in HostileText.MarkerCores.Where(c => answer.Body.Contains(c, StringComparison.Ordinal)))
            yield return Because($"markup sent in came back unescaped ({core}…)") with { Detail = Echoed(probe, answer.Body, core) };

        if (probe.NeverEchoed is { } run && answer.Body.Contains(run, StringComparison.Ordinal))
            yield return Because("a 60 KB value came back whole, not as a bounded excerpt");
    }

    /// <summary>Which numbered markers came back, and where they had been sent.</summary>
    private static string? Echoed(Probe probe, string body, string core)
    {
        var numbers = new List<string>();
        for (var at = body.IndexOf(core, StringComparison.Ordinal); at >= 0; at = body.IndexOf(core, at + 1, StringComparison.Ordinal))
        {
            var digits = new string(body[(at + core.Length)..].TakeWhile(char.IsAsciiDigit).ToArray());
            if (int.TryParse(digits, out var n) && probe.Places.TryGetValue(n, out var place) && !numbers.Contains(place))
                numbers.Add(place);
        }
        return numbers.Count == 0 ? null : "came back from " + string.Join(", ", numbers);
    }

    private static string? ShapeFault(Answer answer, Shape shape) => shape switch
    {
        Shape.Problem => ProblemFault(answer),
        Shape.Page => PageFault(answer),
        _ => ProblemFault(answer) is null || PageFault(answer) is null ? null : $"a 4xx on the dashboard is neither a page nor a problem ({answer.MediaType ?? "no content type"})",
    };

    private static string? PageFault(Answer answer) =>
        answer.MediaType == "text/html" && answer.Body.Contains("<html", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"a 4xx on a patient or dashboard page is not an HTML page ({answer.MediaType ?? "no content type"})";

    private static string? ProblemFault(Answer answer)
    {
        if (answer.MediaType != "application/problem+json")
            return $"a 4xx on an API door is not application/problem+json ({answer.MediaType ?? "no content type"})";
        try
        {
            using var problem = JsonDocument.Parse(answer.Body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 }
                || !root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number)
                return "a problem without type, title and status";
            return status.GetInt32() == answer.Status ? null : $"a problem whose status ({status.GetInt32()}) is not the answer's";
        }
        catch (JsonException)
        {
            return "a problem body that is not JSON";
        }
    }
}

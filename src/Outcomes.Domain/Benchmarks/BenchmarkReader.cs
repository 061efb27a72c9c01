using System.Text.Json;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Benchmarks;

/// <summary>
/// Reads the benchmark file into a <see cref="BenchmarkCatalog"/>, collecting a problem for every wrong field
/// (named as <c>studies[i] (id).outcomes[j].field</c>) and refusing the file if there is any. Fields it does not know
/// are kept, not refused, so the file can grow ahead of the code.
/// </summary>
internal sealed class BenchmarkReader
{
    private static readonly HashSet<string> TopFields = ["about", "measures", "timePoints", "studies"];
    private static readonly HashSet<string> StudyFields =
        ["id", "citation", "source_url", "procedure", "population", "design", "patients", "procedures", "vertebrae", "pain_scale", "outcomes", "quote"];
    private static readonly HashSet<string> FigureFields =
        ["measure", "timePoint", "procedure", "value", "ci95", "sd", "n", "numerator", "denominator", "fractures", "low", "high", "note", "quote"];

    private readonly List<string> _problems = [];
    private IReadOnlyDictionary<string, string>? _measures;
    private IReadOnlyList<string>? _timePoints;

    public static BenchmarkCatalog Read(JsonElement root)
    {
        var reader = new BenchmarkReader();
        var catalog = reader.Catalog(root);
        return reader._problems.Count == 0 && catalog is not null ? catalog : throw new MalformedBenchmarksException(reader._problems);
    }

    private void Problem(string path, string what) => _problems.Add($"{path}: {what}.");

    private BenchmarkCatalog? Catalog(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Problem("(root)", $"must be a JSON object; got a JSON {Kind(root)}");
            return null;
        }
        var about = Text(root, "about", "about", required: false);
        _measures = Measures(root);
        _timePoints = TimePoints(root);
        if (!root.TryGetProperty("studies", out var studiesJson) || studiesJson.ValueKind != JsonValueKind.Array)
        {
            Problem("studies", studiesJson.ValueKind == JsonValueKind.Undefined ? "is missing" : $"must be a list of studies; got a JSON {Kind(studiesJson)}");
            return null;
        }
        var studies = new List<BenchmarkStudy>();
        var index = 0;
        foreach (var study in studiesJson.EnumerateArray())
        {
            if (Study(study, index++) is { } read)
            {
                if (read.Id.Length > 0 && studies.Any(s => s.Id == read.Id))
                    Problem($"studies[{index - 1}] ({read.Id}).id", "is used by an earlier study too");
                studies.Add(read);
            }
        }
        return new(about, _measures ?? new Dictionary<string, string>(), _timePoints ?? [], studies, Extra(root, TopFields));
    }

    private Dictionary<string, string>? Measures(JsonElement root)
    {
        if (!root.TryGetProperty("measures", out var json)) return null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            Problem("measures", $"must be an object of measure code to description; got a JSON {Kind(json)}");
            return null;
        }
        var measures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in json.EnumerateObject())
            if (Text(json, m.Name, $"measures.{m.Name}", required: true) is { } description)
                measures[m.Name] = description;
        return measures;
    }

    private List<string>? TimePoints(JsonElement root)
    {
        if (!root.TryGetProperty("timePoints", out var json)) return null;
        if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String || t.GetString()!.Length == 0))
        {
            Problem("timePoints", "must be a list of time point codes");
            return null;
        }
        return json.EnumerateArray().Select(t => t.GetString()!).ToList();
    }

    private BenchmarkStudy? Study(JsonElement json, int index)
    {
        var at = $"studies[{index}]";
        if (json.ValueKind != JsonValueKind.Object)
        {
            Problem(at, $"must be an object; got a JSON {Kind(json)}");
            return null;
        }
        var id = Text(json, "id", $"{at}.id", required: true);
        if (id is not null) at = $"{at} ({id})";
        var citation = Text(json, "citation", $"{at}.citation", required: true);
        var url = Text(json, "source_url", $"{at}.source_url", required: true);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            Problem($"{at}.source_url", $"must be an absolute http(s) URL; got '{Short(url)}'");
        var procedures = Procedure(json, $"{at}.procedure", required: true, allowed: null);
        var quote = Text(json, "quote", $"{at}.quote", required: true);
        var figures = new List<BenchmarkFigure>();
        if (!json.TryGetProperty("outcomes", out var outcomes) || outcomes.ValueKind != JsonValueKind.Array)
            Problem($"{at}.outcomes", outcomes.ValueKind == JsonValueKind.Undefined ? "is missing" : $"must be a list of figures; got a JSON {Kind(outcomes)}");
        else
        {
            var i = 0;
            foreach (var figure in outcomes.EnumerateArray())
                if (Figure(figure, $"{at}.outcomes[{i++}]", id ?? "", procedures) is { } read)
                    figures.Add(read);
        }
        var study = new BenchmarkStudy(id ?? "", citation ?? "", url ?? "", procedures ?? new HashSet<ProcedureType>(),
            Text(json, "population", $"{at}.population", required: false), Text(json, "design", $"{at}.design", required: false),
            Count(json, "patients", at), Count(json, "procedures", at), Count(json, "vertebrae", at),
            Text(json, "pain_scale", $"{at}.pain_scale", required: false), quote ?? "", figures, Extra(json, StudyFields));
        return study;
    }

    private BenchmarkFigure? Figure(JsonElement json, string at, string studyId, IReadOnlySet<ProcedureType>? studyProcedures)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            Problem(at, $"must be an object; got a JSON {Kind(json)}");
            return null;
        }
        var measure = Text(json, "measure", $"{at}.measure", required: true);
        if (measure is not null && _measures is not null && !_measures.ContainsKey(measure))
            Problem($"{at}.measure", $"'{Short(measure)}' is not described in 'measures' ({string.Join(", ", _measures.Keys)})");
        var timePoint = Text(json, "timePoint", $"{at}.timePoint", required: true);
        if (timePoint is not null && _timePoints is not null && !_timePoints.Contains(timePoint))
            Problem($"{at}.timePoint", $"'{Short(timePoint)}' is not one of 'timePoints' ({string.Join(", ", _timePoints)})");
        var procedures = Procedure(json, $"{at}.procedure", required: false, allowed: studyProcedures) ?? studyProcedures;

        var ci = Interval(json, at);
        var range = Range(json, at);
        var numerator = Count(json, "numerator", at);
        var denominator = Count(json, "denominator", at);
        if ((numerator is null) != (denominator is null))
            Problem($"{at}.{(numerator is null ? "numerator" : "denominator")}", "is missing: give numerator and denominator together");
        else if (numerator > denominator)
            Problem($"{at}.numerator", $"{numerator} is more than the denominator {denominator}");
        var sd = Number(json, "sd", at);
        if (sd < 0) Problem($"{at}.sd", $"a standard deviation cannot be negative; got {sd}");
        var n = Count(json, "n", at);
        if (n == 0) Problem($"{at}.n", "must be at least 1");

        return new BenchmarkFigure(studyId, measure ?? "", timePoint ?? "", procedures ?? new HashSet<ProcedureType>(),
            Number(json, "value", at), ci, sd, n, numerator, denominator, Count(json, "fractures", at), range,
            Text(json, "note", $"{at}.note", required: false), Text(json, "quote", $"{at}.quote", required: false), Extra(json, FigureFields));
    }

    /// <summary><c>vertebroplasty</c>, <c>kyphoplasty</c> or <c>both</c>; a figure's must be among its study's.</summary>
    private HashSet<ProcedureType>? Procedure(JsonElement json, string at, bool required, IReadOnlySet<ProcedureType>? allowed)
    {
        var code = Text(json, "procedure", at, required);
        if (code is null) return null;
        HashSet<ProcedureType>? procedures = code == "both" ? [ProcedureType.Vertebroplasty, ProcedureType.Kyphoplasty]
            : ProcedureTypeCodes.Wire.TryParse(code, out var one) && code == one.ToWire() ? [one] : null;
        if (procedures is null)
            Problem(at, $"'{Short(code)}' is not a procedure; use vertebroplasty, kyphoplasty or both");
        else if (allowed is not null && !procedures.IsSubsetOf(allowed))
            Problem(at, $"'{code}' is not among the study's procedures");
        return procedures;
    }

    private BenchmarkInterval? Interval(JsonElement json, string at)
    {
        if (!json.TryGetProperty("ci95", out var ci) || ci.ValueKind == JsonValueKind.Null) return null;
        if (ci.ValueKind == JsonValueKind.Array && ci.GetArrayLength() == 2
            && ci[0].ValueKind == JsonValueKind.Number && ci[1].ValueKind == JsonValueKind.Number
            && ci[0].GetDouble() <= ci[1].GetDouble())
            return new BenchmarkInterval(ci[0].GetDouble(), ci[1].GetDouble());
        Problem($"{at}.ci95", $"must be [low, high], two numbers with low <= high; got {Short(ci.GetRawText())}");
        return null;
    }

    private BenchmarkInterval? Range(JsonElement json, string at)
    {
        var (low, high) = (Number(json, "low", at), Number(json, "high", at));
        if (low is null && high is null) return null;
        if (low is null || high is null)
            Problem($"{at}.{(low is null ? "low" : "high")}", "is missing: give low and high together");
        else if (low > high)
            Problem($"{at}.low", $"{low} is above high {high}");
        else
            return new BenchmarkInterval(low.Value, high.Value);
        return null;
    }

    private string? Text(JsonElement obj, string name, string at, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Problem(at, "is missing");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && (text.Trim().Length > 0 || !required))
            return text;
        Problem(at, value.ValueKind == JsonValueKind.String ? "is empty" : $"must be a string; got a JSON {Kind(value)}");
        return null;
    }

    private double? Number(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)) return number;
        Problem($"{at}.{name}", $"must be a number or null; got {Short(value.GetRawText())}");
        return null;
    }

    private int? Count(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0) return count;
        Problem($"{at}.{name}", $"must be a whole number, 0 or more, or null; got {Short(value.GetRawText())}");
        return null;
    }

    private static Dictionary<string, JsonElement> Extra(JsonElement obj, HashSet<string> known) =>
        obj.EnumerateObject().Where(p => !known.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);

    private static string Short(string text) => Rejection.Excerpt(text);

    private static string Kind(JsonElement json) => json.ValueKind.ToString().ToLowerInvariant();
}

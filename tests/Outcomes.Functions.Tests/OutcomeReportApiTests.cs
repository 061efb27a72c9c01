using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CsvHelper;
using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Functions.Tests;

/// <summary>
/// GET /api/reports/outcomes through the real handler on real Azurite, after registrations and answers that went the
/// whole pipeline (registration, timer, survey link, queue message, stored answer, tallies).
/// </summary>
/// <remarks>The fixture's tables are this class's own, so a cross-clinic view sees only the clinics its tests create.</remarks>
public sealed class OutcomeReportApiTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Path = "/api/reports/outcomes";
    private OutcomesApp Outcomes => app;

    private static JsonObject Registration(string date, string patientRef, string type = "vertebroplasty", string etiology = "osteoporotic")
    {
        var registration = Pipeline.Registration(date, patientRef);
        registration["procedureType"] = type;
        registration["etiology"] = etiology;
        return registration;
    }

    private async Task<string> RegisterAsync(Access.RegisteredClinic clinic, JsonObject registration, string? answer)
    {
        var procedureId = await Outcomes.RegisterAsync(clinic, registration);
        await Outcomes.RunTimerAsync();
        if (answer is not null)
        {
            var (_, message) = await Outcomes.SubmitAsync(Outcomes.TokenFor($"{procedureId}_1w"), answer);
            (await Outcomes.DeliverResponseAsync(message!)).EnsureSuccessStatusCode();
        }
        return procedureId;
    }

    private async Task<string> AnalystKeyAsync() =>
        (await (await Outcomes.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync())["apiKey"]!.GetValue<string>();

    private async Task<JsonObject> ReportAsync(string key, string query = "")
    {
        var response = await Outcomes.SendAsync(HttpMethod.Get, Path + query, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadObjectAsync();
    }

    private static JsonObject At(JsonObject report, string timePoint) =>
        report["timePoints"]!.AsArray().Single(t => t!["code"]!.GetValue<string>() == timePoint)!.AsObject();

    private static void AssertShare(int count, int n, JsonNode? share)
    {
        var expected = Proportion.Of(count, n);
        Assert.Equal((count, n), (share!["count"]!.GetValue<int>(), share["n"]!.GetValue<int>()));
        Assert.Equal(expected.Share!.Value, share["value"]!.GetValue<double>(), 12);
        Assert.Equal([expected.Ci95!.Value.Low, expected.Ci95.Value.High], share["ci95"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    /// <summary>Clock 2026-03-01: three procedures in February, two one-week answers, one still open.</summary>
    private async Task<Access.RegisteredClinic> ClinicWithAnswersAsync()
    {
        Outcomes.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await Outcomes.CreateClinicAsync();
        await RegisterAsync(clinic, Registration("2026-02-20", "NSC-0001"), "{\"pain\":3,\"medications\":[\"weak_opioid\"]}");
        await RegisterAsync(clinic, Registration("2026-02-21", "NSC-0002"), "{\"pain\":5,\"medications\":[\"none\"]}");
        await RegisterAsync(clinic, Registration("2026-02-22", "NSC-0003"), answer: null);
        return clinic;
    }

    [Fact]
    public async Task A_clinic_sees_its_own_cohort_and_one_week_figures_beside_the_benchmarks_unsuppressed()
    {
        var clinic = await ClinicWithAnswersAsync();
        var other = await Outcomes.CreateClinicAsync("Spine Centre South");
        await RegisterAsync(other, Registration("2026-02-22", "SCS-0001"), "{\"pain\":0}");

        var report = await ReportAsync(clinic.ApiKey);

        Assert.Equal(clinic.ClinicId, report["scope"]!["clinicId"]!.GetValue<string>());
        Assert.False(report["suppression"]!["applied"]!.GetValue<bool>());
        Assert.Equal([3, 3, 3], new[] { "patients", "procedures", "vertebrae" }.Select(k => report["cohort"]![k]!.GetValue<int>()));
        Assert.Equal(0, report["mortality30Day"]!["n"]!.GetValue<int>());   // none has 30 days of follow-up yet
        var week = At(report, "1w");
        Assert.Equal((3, 2), (week["due"]!.GetValue<int>(), week["answered"]!.GetValue<int>()));
        AssertShare(2, 3, week["responseRate"]);
        var pain = week["pain"]!;
        Assert.Equal((2, 4.0), (pain["n"]!.GetValue<int>(), pain["mean"]!.GetValue<double>()));
        Assert.Equal(Math.Sqrt(2), pain["sd"]!.GetValue<double>(), 12);
        Assert.Equal((4.0, 3.5, 4.5), (pain["median"]!.GetValue<double>(), pain["q1"]!.GetValue<double>(), pain["q3"]!.GetValue<double>()));
        Assert.Equal(-4.0, week["change"]!["mean"]!.GetValue<double>());
        AssertShare(2, 2, week["improvedTwoPoints"]);
        AssertShare(2, 2, week["improvedThirtyPercent"]);
        Assert.Contains("whose baseline was above 0", report["definitions"]!["improvedThirtyPercent"]!.GetValue<string>());
        Assert.Contains("of the patients whose earliest procedure", report["definitions"]!["mortality30Day"]!.GetValue<string>());
        AssertShare(1, 2, week["anyMedication"]);
        AssertShare(1, 2, week["opioid"]);
        var baseline = At(report, "baseline");
        Assert.Equal(8.0, baseline["pain"]!["mean"]!.GetValue<double>());
        AssertShare(3, 3, baseline["anyMedication"]);
        Assert.Null(baseline["change"]);
        Assert.Contains(week["benchmarks"]!.AsArray(), b => b!["studyId"]!.GetValue<string>() == "tan2015" && b["procedureType"]!.GetValue<string>() == "vertebroplasty");
        Assert.Contains(week["benchmarks"]!.AsArray(), b => b!["studyId"]!.GetValue<string>() == "evolve2019" && b["procedureType"]!.GetValue<string>() == "kyphoplasty");
        Assert.Contains(report["studies"]!.AsArray(), s => s!["id"]!.GetValue<string>() == "tan2015"
            && s["citation"]!.GetValue<string>().StartsWith("Tan") && s["sourceUrl"]!.GetValue<string>().StartsWith("https://"));
        var text = report.ToJsonString();
        Assert.DoesNotContain("NSC-", text);
        Assert.DoesNotContain("example.org", text);
        Assert.Equal(1, At(await ReportAsync(other.ApiKey), "1w")["pain"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_clinic_asking_for_another_clinic_is_forbidden_and_for_itself_is_answered()
    {
        Outcomes.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var (mine, theirs) = (await Outcomes.CreateClinicAsync(), await Outcomes.CreateClinicAsync("Spine Centre East"));

        var forbidden = await Outcomes.SendAsync(HttpMethod.Get, $"{Path}?clinicId={theirs.ClinicId}", mine.ApiKey);
        var own = await Outcomes.SendAsync(HttpMethod.Get, $"{Path}?clinicId={mine.ClinicId}", mine.ApiKey);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("urn:outcomes:problem:forbidden", (await forbidden.ReadProblemAsync())["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task An_analyst_across_clinics_sees_a_time_point_only_once_it_rests_on_five_answers()
    {
        Outcomes.Clock.Now = new DateTimeOffset(2019, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var analyst = await AnalystKeyAsync();
        var (north, south) = (await Outcomes.CreateClinicAsync(), await Outcomes.CreateClinicAsync("Spine Centre South"));
        for (var i = 0; i < 3; i++)
            await RegisterAsync(north, Registration($"2019-05-2{i}", $"N-{i}"), $"{{\"pain\":{2 + i}}}");
        await RegisterAsync(south, Registration("2019-05-20", "S-0"), "{\"pain\":6}");
        const string May = "?from=2019-05&to=2019-05";

        var four = await ReportAsync(analyst, May);
        var oneClinic = await ReportAsync(analyst, $"{May}&clinicId={north.ClinicId}");
        await RegisterAsync(south, Registration("2019-05-21", "S-1"), "{\"pain\":4}");
        var five = await ReportAsync(analyst, May);

        Assert.True(four["scope"]!["crossClinic"]!.GetValue<bool>());
        Assert.Equal(("2019-01", "2019-12"), (four["period"]!["fromMonth"]!.GetValue<string>(), four["period"]!["toMonth"]!.GetValue<string>()));   // whole years
        Assert.Equal((2, 5), (four["scope"]!["clinics"]!.GetValue<int>(), four["suppression"]!["minimumPatients"]!.GetValue<int>()));
        foreach (var figure in new[] { "due", "answered", "responseRate", "pain", "change", "improvedTwoPoints", "anyMedication" })
            Assert.Equal("suppressed", At(four, "1w")[figure]!.GetValue<string>());
        Assert.Equal("suppressed", four["cohort"]!["patients"]!.GetValue<string>());
        Assert.Equal("suppressed", At(oneClinic, "1w")["pain"]!.GetValue<string>());   // one clinic, still an analyst's view
        var pain = At(five, "1w")["pain"]!;
        Assert.Equal(5, pain["n"]!.GetValue<int>());
        Assert.Equal((2 + 3 + 4 + 6 + 4) / 5.0, pain["mean"]!.GetValue<double>(), 12);
        Assert.Equal(5, five["cohort"]!["patients"]!.GetValue<int>());
        Assert.Equal("suppressed", At(five, "1m")["pain"]!.GetValue<string>());   // no answers yet
        Assert.DoesNotContain("N-0", five.ToJsonString());
        var unknown = await Outcomes.SendAsync(HttpMethod.Get, $"{Path}?clinicId=no-such-clinic", analyst);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_analyst_cannot_learn_a_year_of_one_patient_by_subtracting_two_views()
    {
        Outcomes.Clock.Now = new DateTimeOffset(2017, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var analyst = await AnalystKeyAsync();
        var clinic = await Outcomes.CreateClinicAsync();
        foreach (var (i, date) in new[] { "2017-01-10", "2017-02-10", "2017-03-10", "2017-04-10", "2017-05-10", "2017-06-10", "2018-02-10" }.Index())
        {
            Outcomes.Clock.Now = DateTimeOffset.Parse(date + "T09:00:00Z").AddDays(8);   // registered, invited and answered in the one-week window
            await RegisterAsync(clinic, Registration(date, $"Y-{i}"), $"{{\"pain\":{2 + i % 3}}}");
        }
        Outcomes.Clock.Now = new DateTimeOffset(2018, 3, 1, 9, 0, 0, TimeSpan.Zero);

        var toNovember = await ReportAsync(analyst, $"?to=2017-11&clinicId={clinic.ClinicId}");
        var toDecember = await ReportAsync(analyst, $"?to=2017-12&clinicId={clinic.ClinicId}");
        var all = await ReportAsync(analyst, $"?clinicId={clinic.ClinicId}");
        var own = await ReportAsync(clinic.ApiKey);

        Assert.Equal(toNovember.ToJsonString(), toDecember.ToJsonString());   // one view: the months are widened to 2017
        Assert.Equal(6, toNovember["cohort"]!["patients"]!.GetValue<int>());
        Assert.Equal(6, At(toNovember, "1w")["answered"]!.GetValue<int>());
        Assert.Equal("suppressed", all["cohort"]!["patients"]!.GetValue<string>());   // it would differ from 2017 by one patient
        Assert.Equal("suppressed", At(all, "1w")["answered"]!.GetValue<string>());
        Assert.Equal(7, own["cohort"]!["patients"]!.GetValue<int>());   // the clinic's own view is whole
    }

    [Fact]
    public async Task The_csv_holds_the_same_numbers_as_the_json()
    {
        var clinic = await ClinicWithAnswersAsync();
        var json = await ReportAsync(clinic.ApiKey);

        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clinic.ApiKey);
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await Outcomes.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("attachment", "outcomes-report.csv"),
            (response.Content.Headers.ContentDisposition?.DispositionType, response.Content.Headers.ContentDisposition?.FileName));
        var rows = new List<Dictionary<string, string>>();
        using (var csv = CsvReader.Create(new StringReader(await response.Content.ReadAsStringAsync()), null, false))
            while (csv.Read())
                rows.Add(OutcomeReportCsv.Columns.ToDictionary(c => c, c => csv.GetString(c)));
        string Cell(string timePoint, string measure, string column) =>
            rows.Single(r => r["timePoint"] == timePoint && r["measure"] == measure && r["source"] == "report")[column];
        double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

        Assert.Equal(json["cohort"]!["vertebrae"]!.GetValue<int>(), Number(Cell("cohort", "vertebrae", "value")));
        Assert.All(rows.Where(r => r["source"] == "report"), r => Assert.NotEqual("", r["unit"]));   // every figure says what it counts
        Assert.Equal(("patients", "answers", "follow-ups", "procedures"),
            (Cell("cohort", "patients", "unit"), Cell("1w", "pain", "unit"), Cell("1w", "response_rate", "unit"), Cell("baseline", "pain", "unit")));
        var checkedFigures = 0;
        foreach (var timePoint in json["timePoints"]!.AsArray().Select(t => t!.AsObject()))
        {
            var code = timePoint["code"]!.GetValue<string>();
            Assert.Equal(timePoint["due"]!.GetValue<int>(), Number(Cell(code, "surveys_due", "value")));
            foreach (var (field, measure) in new[] { ("pain", "pain"), ("change", "pain_change"), ("responseRate", "response_rate"),
                         ("improvedTwoPoints", "improved_2_points"), ("improvedThirtyPercent", "improved_30_percent"), ("anyMedication", "any_pain_medication"), ("opioid", "opioid") })
            {
                if (timePoint[field] is not JsonObject figure) continue;
                Assert.Equal(figure["n"]!.GetValue<int>(), int.Parse(Cell(code, measure, "n"), CultureInfo.InvariantCulture));
                Assert.Equal((figure["mean"] ?? figure["value"])?.GetValue<double>(), Cell(code, measure, "value") is { Length: > 0 } v ? Number(v) : null);
                Assert.Equal(figure["ci95"]?[0]?.GetValue<double>(), Cell(code, measure, "ci95Low") is { Length: > 0 } low ? Number(low) : null);
                Assert.Equal(figure["ci95"]?[1]?.GetValue<double>(), Cell(code, measure, "ci95High") is { Length: > 0 } high ? Number(high) : null);
                if (figure["median"] is { } median)
                    Assert.Equal(median.GetValue<double>(), Number(Cell(code, measure, "median")));
                Assert.Equal("shown", Cell(code, measure, "status"));
                checkedFigures++;
            }
            Assert.Equal(timePoint["benchmarks"]!.AsArray().Count, rows.Count(r => r["timePoint"] == code && r["status"] == "published"));
        }
        Assert.Equal(4 + 5 * 7, checkedFigures);   // baseline has no change or improvement figures
    }

    [Fact]
    public async Task Procedure_type_etiology_and_months_narrow_the_cohort()
    {
        Outcomes.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await Outcomes.CreateClinicAsync();
        await RegisterAsync(clinic, Registration("2026-02-20", "F-1"), "{\"pain\":4}");
        await RegisterAsync(clinic, Registration("2026-02-21", "F-2", type: "kyphoplasty"), "{\"pain\":2}");
        await RegisterAsync(clinic, Registration("2026-02-22", "F-3", etiology: "malignant"), null);
        await RegisterAsync(clinic, Registration("2026-01-10", "F-4"), null);

        async Task<int> ProceduresAsync(string query) => (await ReportAsync(clinic.ApiKey, query))["cohort"]!["procedures"]!.GetValue<int>();

        Assert.Equal(4, await ProceduresAsync(""));
        Assert.Equal(1, await ProceduresAsync("?procedureType=kyphoplasty"));
        Assert.Equal(1, await ProceduresAsync("?etiology=malignant"));
        Assert.Equal(3, await ProceduresAsync("?from=2026-02"));
        Assert.Equal(1, await ProceduresAsync("?to=2026-01-31"));
        Assert.Equal(2, await ProceduresAsync("?procedureType=vertebroplasty&etiology=osteoporotic&from=2026-01-15&to=2026-02-15"));
        var narrowed = await ReportAsync(clinic.ApiKey, "?procedureType=kyphoplasty&from=2026-02-15&to=2026-02-20");
        Assert.Equal(("2026-02", "2026-02", true), (narrowed["period"]!["fromMonth"]!.GetValue<string>(),
            narrowed["period"]!["toMonth"]!.GetValue<string>(), narrowed["period"]!["wholeMonths"]!.GetValue<bool>()));
        Assert.Equal(2.0, At(narrowed, "1w")["pain"]!["mean"]!.GetValue<double>());
        Assert.All(narrowed["timePoints"]!.AsArray().SelectMany(t => t!["benchmarks"]!.AsArray()),
            b => Assert.Equal("kyphoplasty", b!["procedureType"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("?procedureType=balloon", "procedureType")]
    [InlineData("?etiology=unknown", "etiology")]
    [InlineData("?from=2026-13", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2026-03&to=2026-01-31", "to")]
    public async Task A_bad_query_value_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var clinic = await Outcomes.CreateClinicAsync();

        var response = await Outcomes.SendAsync(HttpMethod.Get, Path + query, clinic.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.ReadProblemAsync())["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_key_it_is_401_with_the_admin_key_403_and_it_is_in_the_openapi_document_with_its_parameters()
    {
        var anonymous = await Outcomes.SendAsync(HttpMethod.Get, Path, key: null);
        var admin = await Outcomes.SendAsync(HttpMethod.Get, Path, OutcomesApp.AdminKey);
        var document = await (await Outcomes.Client.GetAsync("/api/openapi.json")).ReadObjectAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        var parameters = document["paths"]![Path]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        Assert.Equal(["clinicId", "etiology", "from", "procedureType", "to"], parameters.Order());
        var from = document["paths"]![Path]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "from")!;
        Assert.Contains("yyyy-MM", from["description"]!.GetValue<string>());
        var ok = document["paths"]![Path]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["application/json", "text/csv"], ok.Select(c => c.Key).Order());
    }
}

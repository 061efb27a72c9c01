namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>Route values, survey tokens, methods, query strings and spellings of paths, at every door of the running app.</summary>
[Collection(HostileCollection.Name)]
public sealed class HostileDoorTests(HostileHost app)
{
    private const int Seed = 20261202;

    private static readonly string[] Whitespace = ["%20", "%20%20%20", "%09", "%0A", "%0D%0A", "%0B", "%C2%A0", "%E2%80%8B"];

    [Fact]
    public async Task A_whitespace_route_value_is_not_a_5xx()
    {
        await app.FreshenAsync();
        var probes = DoorProbes.RouteValues(app, (value, real) => Whitespace.Any(w => value == w || value == real + w || value == w + real)).ToList();

        var report = await HostileRun.SendAsync(app, nameof(A_whitespace_route_value_is_not_a_5xx), probes);

        Assert.All(app.Doors.All.Where(d => d.PathParameters.Count > 0), d => Assert.Contains(probes, p => p.Door == d.Name));
        report.AssertClean();
    }

    [Fact]
    public async Task Encoded_separators_dots_nul_bad_utf8_and_injections_in_route_values_are_refused()
    {
        await app.FreshenAsync();
        var probes = DoorProbes.RouteValues(app, (value, real) => !Whitespace.Any(w => value == w || value == real + w || value == w + real)).ToList();

        var report = await HostileRun.SendAsync(app, nameof(Encoded_separators_dots_nul_bad_utf8_and_injections_in_route_values_are_refused), probes);

        Assert.All(app.Doors.All.Where(d => d.PathParameters.Count > 0), d => Assert.Contains(probes, p => p.Door == d.Name));
        report.AssertClean();
    }

    [Fact]
    public async Task Forged_and_truncated_survey_tokens_find_no_survey_at_any_token_door()
    {
        await app.FreshenAsync();
        var probes = KeyProbes.ForgedTokens(app, Seed).ToList();

        var report = await HostileRun.SendAsync(app, nameof(Forged_and_truncated_survey_tokens_find_no_survey_at_any_token_door), probes);

        Assert.Equal(app.Doors.All.Where(d => d.PathParameters.Contains("token")).Select(d => d.Name).Order(), probes.Select(p => p.Door).Distinct().Order());
        report.AssertClean();
    }

    [Fact]
    public async Task A_method_a_route_does_not_serve_is_a_405_problem()
    {
        await app.FreshenAsync();
        var probes = DoorProbes.UnservedMethods(app).ToList();

        var report = await HostileRun.SendAsync(app, nameof(A_method_a_route_does_not_serve_is_a_405_problem), probes);

        Assert.Equal(app.Doors.All.Select(d => d.Route).Distinct().Count(), probes.Select(p => p.Door.Split(' ')[1]).Distinct().Count());
        report.AssertClean();
    }

    [Fact]
    public async Task Garbage_report_filters_are_refused_and_odd_query_strings_are_not_a_5xx()
    {
        await app.FreshenAsync();
        var probes = DoorProbes.OddQueries(app, Seed).ToList();

        var report = await HostileRun.SendAsync(app, nameof(Garbage_report_filters_are_refused_and_odd_query_strings_are_not_a_5xx), probes);

        Assert.Contains(probes, p => p.Door == "GET /api/reports/outcomes" && p.Input.StartsWith("clinicId=", StringComparison.Ordinal));
        Assert.Contains(probes, p => p.Door == "GET /api/dashboard" && p.Input.StartsWith("procedureType=", StringComparison.Ordinal));
        report.AssertClean();
    }

    [Fact]
    public async Task Other_spellings_of_every_path_are_not_a_5xx()
    {
        await app.FreshenAsync();
        var probes = DoorProbes.PathSpellings(app).ToList();

        var report = await HostileRun.SendAsync(app, nameof(Other_spellings_of_every_path_are_not_a_5xx), probes);

        Assert.True(probes.Select(p => p.Door).Distinct().Count() >= app.Doors.All.Count - 1);
        report.AssertClean();
    }
}

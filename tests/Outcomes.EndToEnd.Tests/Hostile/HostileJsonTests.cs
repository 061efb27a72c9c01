using System.Runtime.CompilerServices;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// Hostile JSON bodies at every door of the OpenAPI document that reads JSON, each made from the door's valid body by
/// one fault at one place, sent with a valid key to a real target so that the validation behind the key is reached.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileJsonTests(HostileHost app)
{
    private const int Seed = 20261201;

    private async Task AttackAsync(Func<JsonTarget, IEnumerable<Probe>> make, [CallerMemberName] string test = "")
    {
        await app.FreshenAsync();
        var targets = JsonTarget.All(app);
        var probes = targets.SelectMany(make).ToList();

        var report = await HostileRun.SendAsync(app, test, probes);

        Assert.All(targets, t => Assert.Contains(probes, p => p.Door == t.Door.Name));
        (report with { Findings = [.. report.Findings, .. app.World.TemplatesRefused.Select(TemplateRefused)] }).AssertClean();
    }

    private static Finding TemplateRefused(string why) => new(
        "a door's valid template was refused, so its hostile bodies show nothing past that refusal (mend JsonTemplates)",
        new Probe(why.Split(':')[0], "the valid template", "POST", "(template)"), null, why);

    [Fact]
    public Task A_lone_surrogate_in_any_string_is_a_400_at_every_json_door() => AttackAsync(JsonProbes.LoneSurrogatesInStrings);

    [Fact]
    public Task A_lone_surrogate_in_any_property_name_is_a_400_at_every_json_door() => AttackAsync(JsonProbes.LoneSurrogatesInNames);

    [Fact]
    public Task Invalid_utf8_in_any_string_or_name_is_a_400_at_every_json_door() => AttackAsync(JsonProbes.InvalidUtf8);

    [Fact]
    public Task Duplicate_keys_are_refused_everywhere() => AttackAsync(JsonProbes.DuplicateKeys);

    [Fact]
    public Task Malformed_and_truncated_json_is_a_400_at_every_json_door() => AttackAsync(t => JsonProbes.MalformedJson(t, Seed));

    [Fact]
    public Task A_wrong_json_type_in_any_field_is_a_400() => AttackAsync(JsonProbes.WrongTypes);

    [Fact]
    public Task Control_characters_and_nul_in_any_string_are_a_400() => AttackAsync(JsonProbes.ControlCharacters);

    [Fact]
    public Task A_60_KB_value_in_any_field_is_a_400_that_quotes_at_most_an_excerpt() => AttackAsync(JsonProbes.HugeValues);

    [Fact]
    public Task A_body_over_64_KiB_is_a_413_at_every_json_door_announced_or_chunked() => AttackAsync(JsonProbes.OversizedBodies);

    [Fact]
    public Task Deeply_nested_json_is_refused_at_every_json_door() => AttackAsync(JsonProbes.DeepNesting);

    [Fact]
    public Task Injection_strings_in_any_field_are_refused_as_data() => AttackAsync(t => JsonProbes.Injections(t, Seed));
}

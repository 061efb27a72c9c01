namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>Bearer keys at every door that takes one: none, malformed, forged, revoked, of the wrong kind, of another clinic.</summary>
[Collection(HostileCollection.Name)]
public sealed class HostileKeyTests(HostileHost app)
{
    [Fact]
    public async Task Wrong_absent_and_forged_bearer_keys_are_a_401_problem_at_every_keyed_door()
    {
        await app.FreshenAsync();
        var probes = KeyProbes.BadKeys(app, 20261203).ToList();

        var report = await HostileRun.SendAsync(app, nameof(Wrong_absent_and_forged_bearer_keys_are_a_401_problem_at_every_keyed_door), probes);

        Assert.Equal(app.Doors.Keyed.Select(d => d.Name).Order(), probes.Select(p => p.Door).Distinct().Order());
        report.AssertClean();
    }

    [Fact]
    public async Task A_valid_key_of_the_wrong_kind_is_a_403_and_another_clinics_key_finds_nothing()
    {
        await app.FreshenAsync();
        var probes = KeyProbes.WrongKinds(app).ToList();

        var report = await HostileRun.SendAsync(app, nameof(A_valid_key_of_the_wrong_kind_is_a_403_and_another_clinics_key_finds_nothing), probes);

        Assert.Equal(app.Doors.Keyed.Select(d => d.Name).Order(), probes.Select(p => p.Door).Distinct().Order());
        report.AssertClean();
    }
}

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>Markup sent in every header, query, route value, JSON field and form field of every door never comes back as markup.</summary>
[Collection(HostileCollection.Name)]
public sealed class HostileReflectionTests(HostileHost app)
{
    [Fact]
    public async Task No_input_is_reflected_unescaped_in_any_answer()
    {
        await app.FreshenAsync();
        var probes = ReflectionProbes.Everywhere(app).ToList();

        var report = await HostileRun.SendAsync(app, nameof(No_input_is_reflected_unescaped_in_any_answer), probes);

        Assert.All(app.Doors.All, d => Assert.Contains(probes, p => p.Door == d.Name));
        report.AssertClean();
    }
}

using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Tests.Procedures;

public class VertebralLevelTests
{
    [Theory]
    [InlineData("C1", "C1", 0)]
    [InlineData("c7", "C7", 6)]
    [InlineData("T1", "T1", 7)]
    [InlineData("t12", "T12", 18)]
    [InlineData(" L1 ", "L1", 19)]
    [InlineData("L5", "L5", 23)]
    [InlineData("S1", "S1", 24)]
    public void Levels_from_C1_to_S1_parse_ignoring_case_and_keep_their_order(string text, string name, int ordinal)
    {
        Assert.True(VertebralLevel.TryParse(text, out var level));

        Assert.Equal(name, level.ToString());
        Assert.Equal(ordinal, level.Ordinal);
    }

    [Theory]
    [InlineData("C8")]
    [InlineData("T13")]
    [InlineData("L6")]
    [InlineData("S2")]
    [InlineData("T0")]
    [InlineData("T012")]
    [InlineData("X1")]
    [InlineData("12")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_outside_C1_to_S1_is_not_a_level(string? text) =>
        Assert.False(VertebralLevel.TryParse(text, out _));

    [Fact]
    public void Levels_sort_head_to_tail_not_alphabetically()
    {
        var levels = new[] { "L1", "T12", "C2", "S1", "T2" }.Select(t => { VertebralLevel.TryParse(t, out var l); return l; });

        Assert.Equal(["C2", "T2", "T12", "L1", "S1"], levels.Order().Select(l => l.ToString()));
        Assert.Equal(25, VertebralLevel.All.Count);
    }
}

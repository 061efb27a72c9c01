using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Tests.Reports;

public class SuppressionTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(4, true)]      // fewer than 5 patients
    [InlineData(5, false)]     // 5 is enough
    [InlineData(500, false)]
    public void A_cross_clinic_view_shows_no_figure_from_fewer_than_five_patients(int patients, bool suppressed)
    {
        var cell = Suppression.CrossClinic.Apply(3.7, patients);

        Assert.Equal(suppressed, cell.IsSuppressed);
        Assert.Equal(suppressed ? 0 : 3.7, cell.Value);
    }

    [Fact]
    public void A_whole_statistic_is_withheld_or_shown()
    {
        var proportion = Proportion.Of(3, 4);

        var withheld = Suppression.CrossClinic.Apply(proportion, patients: 4);
        var shown = Suppression.CrossClinic.Apply(proportion, patients: 5);

        Assert.Equal(Reportable<Proportion>.Suppressed, withheld);
        Assert.Null(withheld.Value);
        Assert.Same(proportion, shown.Value);
        Assert.Equal("suppressed", withheld.ToString());
    }

    [Fact]
    public void Another_threshold_can_be_set()
    {
        var rule = new Suppression(minimumPatients: 11);

        Assert.True(rule.Suppresses(10));
        Assert.False(rule.Suppresses(11));
    }

    [Fact]
    public void A_threshold_below_one_or_negative_patients_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Suppression(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Suppression.CrossClinic.Suppresses(-1));
    }
}

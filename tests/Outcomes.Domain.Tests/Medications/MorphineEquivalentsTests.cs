using Outcomes.Domain.Medications;

namespace Outcomes.Domain.Tests.Medications;

public class MorphineEquivalentsTests
{
    [Theory]   // CDC 2022 guideline, Table 1
    [InlineData("morphine", "30", "30")]
    [InlineData("codeine", "240", "36")]
    [InlineData("tramadol", "200", "40")]
    [InlineData("tapentadol", "100", "40")]
    [InlineData("hydrocodone", "20", "20")]
    [InlineData("oxycodone", "20", "30")]
    [InlineData("oxymorphone", "10", "30")]
    [InlineData("hydromorphone", "8", "40")]
    [InlineData("fentanyl_transdermal", "25", "60")]   // 25 mcg/h patch
    [InlineData("oxycodone", "2.5", "3.75")]
    public void A_daily_dose_converts_with_the_guideline_factor(string opioid, string dose, string mme)
    {
        Assert.True(OpioidCodes.Wire.TryParse(opioid, out var drug));

        Assert.Equal(decimal.Parse(mme, System.Globalization.CultureInfo.InvariantCulture),
            MorphineEquivalents.PerDay(drug, decimal.Parse(dose, System.Globalization.CultureInfo.InvariantCulture)).MilligramsPerDay);
    }

    [Theory]
    [InlineData(Opioid.Buprenorphine)]
    [InlineData(Opioid.Methadone)]
    public void Buprenorphine_and_methadone_are_not_converted_rather_than_guessed(Opioid opioid)
    {
        var mme = MorphineEquivalents.PerDay(opioid, 10);

        Assert.False(mme.IsConverted);
        Assert.Contains("not converted", mme.NotConvertedBecause);
    }

    [Fact]
    public void Only_transdermal_fentanyl_is_dosed_per_hour() =>
        Assert.Equal([Opioid.FentanylTransdermal], Enum.GetValues<Opioid>().Where(o => o.DoseUnit() == "mcg/h"));
}

using Outcomes.Domain.Medications;
using Outcomes.Domain.Worklist;

namespace Outcomes.Domain.Tests.Worklist;

public sealed class StrongOpioidsTests
{
    [Theory]   // WHO analgesic ladder step III as the EAPC 2012 recommendations name it, with oxymorphone and tapentadol
    [InlineData(Opioid.Morphine, true)]
    [InlineData(Opioid.Oxycodone, true)]
    [InlineData(Opioid.Hydromorphone, true)]
    [InlineData(Opioid.Oxymorphone, true)]
    [InlineData(Opioid.FentanylTransdermal, true)]
    [InlineData(Opioid.Buprenorphine, true)]
    [InlineData(Opioid.Methadone, true)]
    [InlineData(Opioid.Tapentadol, true)]
    [InlineData(Opioid.Codeine, false)]
    [InlineData(Opioid.Tramadol, false)]
    [InlineData(Opioid.Hydrocodone, false)]
    public void Step_three_opioids_are_strong_and_step_two_ones_weak(Opioid opioid, bool strong) =>
        Assert.Equal(strong, opioid.IsStrong());

    [Fact]
    public void Every_opioid_is_classed() =>
        Assert.Equal(11, Enum.GetValues<Opioid>().Length);   // a new opioid must be added to the table above and classed

    [Theory]
    [InlineData(new[] { Medication.StrongOpioid }, null, true)]
    [InlineData(new[] { Medication.WeakOpioid }, Opioid.Oxycodone, true)]
    [InlineData(new[] { Medication.WeakOpioid }, Opioid.Codeine, false)]
    [InlineData(new[] { Medication.None }, null, false)]
    [InlineData(null, Opioid.Methadone, true)]
    [InlineData(null, null, false)]
    public void An_answer_reports_a_strong_opioid_by_its_class_or_by_the_dose_it_gives(Medication[]? medications, Opioid? dose, bool reports) =>
        Assert.Equal(reports, StrongOpioids.Reports(medications, dose is null ? null : new OpioidDose(dose.Value, 10m)));
}

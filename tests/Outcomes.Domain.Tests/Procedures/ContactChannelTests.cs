using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Tests.Procedures;

public class ContactChannelTests
{
    [Theory]
    [InlineData("Patient.One@Example.org", " patient.one@example.ORG ")]
    [InlineData("a@b.org", "A@B.ORG")]
    public void Two_spellings_of_one_email_address_are_one_channel(string first, string second) =>
        Assert.Equal(ContactChannel.Email(first), ContactChannel.Email(second));

    [Theory]
    [InlineData("+49 151 1234-5678", "+4915112345678")]
    [InlineData("+49 (151) 1234.5678", "4915112345678")]
    public void Two_spellings_of_one_phone_number_are_one_channel(string first, string second) =>
        Assert.Equal(ContactChannel.Phone(first), ContactChannel.Phone(second));

    [Fact]
    public void An_email_and_a_phone_are_never_the_same_channel_even_with_the_same_text() =>
        Assert.NotEqual(ContactChannel.Email("4915112345678"), ContactChannel.Phone("4915112345678"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_address_is_no_channel(string? address)
    {
        Assert.Null(ContactChannel.Email(address));
        Assert.Null(ContactChannel.Phone(address));
    }

    [Fact]
    public void A_contact_has_a_channel_for_each_way_to_reach_it()
    {
        Assert.Equal([ContactChannel.Email("a@b.org")!, ContactChannel.Phone("+4930123456")!],
            new PatientContact("a@b.org", "+4930123456", "en").Channels);
        Assert.Equal([ContactChannel.Phone("+4930123456")!], new PatientContact(null, "+4930123456", "en").Channels);
        Assert.Empty(new PatientContact(null, null, "en").Channels);
    }

    [Fact]
    public void A_channel_written_to_a_log_shows_its_kind_and_not_its_address()
    {
        var text = ContactChannel.Email("patient.one@example.org")!.ToString();

        Assert.Contains("Email", text);
        Assert.DoesNotContain("patient.one", text);
    }
}

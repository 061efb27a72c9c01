using System.Text.RegularExpressions;
using Outcomes.Domain.Surveys;
using Outcomes.Functions.Patients;

namespace Outcomes.Functions.Tests.Patients;

public sealed class InvitationMessagesTests
{
    private const string HostileClinic = "<script>alert(1)</script> & \"Spine\" <b>Centre</b>";

    private static readonly LanguageTexts English = PatientTextsTests.Shipped.For("en");

    public static TheoryData<string> Languages() => [.. PatientTextsTests.Shipped.Languages];

    /// <summary>A link as long as a real one: a signed token for a GUID-sized procedure id.</summary>
    private static readonly string Token = new SurveyTokenIssuer(new SurveyTokenKeyring(new SurveyTokenKey("2026-11", new byte[32])))
        .Issue($"{Guid.NewGuid()}_12m", new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero));

    private static InvitationContent Content(int? reminder = null, int daysLeft = 9, string clinic = "Spine Centre North") => new(
        clinic, new Uri($"https://outcomes.example.org/api/surveys/{Token}"), new Uri($"https://outcomes.example.org/api/surveys/{Token}/opt-out"),
        reminder, daysLeft, new DateOnly(2026, 12, 4));

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_invitation_names_the_clinic_and_carries_the_link_the_deadline_and_the_opt_out_link(string language)
    {
        var t = PatientTextsTests.Shipped.For(language);

        var email = InvitationMessages.Email(t, Content());

        Assert.Contains("Spine Centre North", email.Subject);
        foreach (var body in new[] { email.Text, email.Html })
        {
            Assert.Contains("Spine Centre North", body);
            Assert.Contains(Content().SurveyLink.AbsoluteUri, body);
            Assert.Contains(Content().OptOutLink.AbsoluteUri, body);
            Assert.Contains("9", body);
            Assert.Contains(t.Date(new DateOnly(2026, 12, 4)), body);
            Assert.DoesNotMatch(@"\{[A-Za-z]+\}", body);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_reminder_differs_from_the_invitation_and_says_how_many_days_are_left(int reminder)
    {
        var invitation = InvitationMessages.Email(English, Content());

        var email = InvitationMessages.Email(English, Content(reminder, daysLeft: 6));

        Assert.NotEqual(invitation.Subject, email.Subject);
        Assert.Contains("6 days left", email.Subject);
        Assert.Contains("6 days left", email.Text);
        Assert.Contains("6 days left", InvitationMessages.Sms(English, Content(reminder, daysLeft: 6)));
        Assert.NotEqual(InvitationMessages.Sms(English, Content(daysLeft: 6)), InvitationMessages.Sms(English, Content(reminder, daysLeft: 6)));
    }

    [Fact]
    public void The_two_reminders_differ()
    {
        Assert.NotEqual(InvitationMessages.Email(English, Content(1)).Text, InvitationMessages.Email(English, Content(2)).Text);
    }

    [Theory]
    [InlineData("es", "quedan 6 días")]
    [InlineData("zh-Hans", "还剩6天")]
    public void Reminders_say_the_days_left_in_the_patient_s_language(string language, string daysLeft)
    {
        var t = PatientTextsTests.Shipped.For(language);

        Assert.Contains(daysLeft, InvitationMessages.Email(t, Content(1, daysLeft: 6)).Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(daysLeft, InvitationMessages.Sms(t, Content(2, daysLeft: 6)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void On_the_last_day_the_messages_say_today_is_the_last_day()
    {
        var email = InvitationMessages.Email(English, Content(2, daysLeft: 1));

        Assert.Contains("last day", email.Subject);
        Assert.Contains("Today, December 4, 2026, is the last day to answer.", email.Text);
        Assert.DoesNotContain("1 days", email.Text);
        Assert.Contains("last day today", InvitationMessages.Sms(English, Content(2, daysLeft: 1)));
    }

    [Fact]
    public void A_hostile_clinic_name_is_html_encoded_in_the_email_and_kept_as_text_in_the_plain_parts()
    {
        var email = InvitationMessages.Email(English, Content(clinic: HostileClinic));

        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", email.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Spine&quot; &lt;b&gt;Centre&lt;/b&gt;", email.Html);
        Assert.Contains(HostileClinic, email.Subject);
        Assert.Contains(HostileClinic, email.Text);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_html_email_loads_nothing_from_elsewhere_and_declares_its_language(string language)
    {
        var t = PatientTextsTests.Shipped.For(language);

        var html = InvitationMessages.Email(t, Content(1)).Html;

        Assert.StartsWith("<!doctype html>", html);
        Assert.Contains($"<html lang=\"{t.Tag}\">", html);
        Assert.DoesNotMatch("<img|<link|<script|url\\(|@import|src=", html);
        Assert.All(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value),
            href => Assert.StartsWith("https://outcomes.example.org/api/surveys/", href));
        PageAssert.WellFormed(html);
    }

    [Theory]
    [InlineData(null, 9)]
    [InlineData(1, 12)]
    [InlineData(2, 1)]
    public void The_english_sms_fits_two_segments_of_the_gsm_alphabet_with_a_real_link(int? reminder, int daysLeft)
    {
        var sms = InvitationMessages.Sms(English, Content(reminder, daysLeft, "Spine Centre North"));

        Assert.Matches("^[ -~]+$", sms);   // printable ASCII: all in the GSM 7-bit alphabet, so a segment holds 153 characters
        Assert.True(sms.Length <= 2 * 153, $"{sms.Length} characters: {sms}");
        Assert.Contains("Spine Centre North", sms);
        Assert.Contains(Content().SurveyLink.AbsoluteUri, sms);
        Assert.EndsWith("Reply STOP to stop.", sms);
    }

    [Theory]
    [InlineData("es", "BAJA")]
    [InlineData("zh-Hans", "TD")]
    public void The_sms_names_a_stop_word_of_its_own_language(string language, string stopWord)
    {
        var t = PatientTextsTests.Shipped.For(language);

        var sms = InvitationMessages.Sms(t, Content());

        Assert.Contains(stopWord, sms);
        Assert.Contains(stopWord, t.SmsStopWords);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_reminder_number_other_than_1_or_2_is_a_bug(int reminder)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InvitationMessages.Email(English, Content(reminder)));
    }
}

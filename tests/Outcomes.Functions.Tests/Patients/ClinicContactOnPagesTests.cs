using System.Xml.Linq;
using Outcomes.Functions.Patients;

namespace Outcomes.Functions.Tests.Patients;

/// <summary>The patient pages and e-mails name the clinic and, when it gave one, the phone to call; the text messages do not.</summary>
public sealed class ClinicContactOnPagesTests
{
    private const string Clinic = "Spine Centre North";
    private const string Phone = "+493012345678";
    private const string PhoneShown = "+49 30 12345678";
    private static readonly ClinicContact WithPhone = new(Clinic, Phone);
    private static readonly ClinicContact WithoutPhone = new(Clinic, null);

    public static TheoryData<string> Languages() => [.. PatientTextsTests.Shipped.Languages];

    /// <summary>The "Questions? Call …" sentence as each language writes it, checked by a person who reads it.</summary>
    public static TheoryData<string, string> CallLines() => new()
    {
        { "en", $"Questions? Call {Clinic} on {PhoneShown}." },
        { "es", $"¿Tiene preguntas? Llame a {Clinic} al {PhoneShown}." },
        { "zh-Hans", $"如有疑问，请致电{Clinic}：{PhoneShown}。" },
    };

    private static IEnumerable<(string Name, Func<ClinicContact?, string> Page)> MessagePages(LanguageTexts t) =>
    [
        ("thank you", c => SurveyPages.ThankYou(t, c)),
        ("already received", c => SurveyPages.AlreadyReceived(t, c)),
        ("expired", c => SurveyPages.Expired(t, c)),
        ("closed", c => SurveyPages.Closed(t, c)),
        ("opt-out confirm", c => SurveyPages.OptOutConfirm(t, "opt-out", c)),
        ("opted out", c => SurveyPages.OptedOut(t, c)),
    ];

    /// <summary>What a reader sees of the element: its text, markup taken away.</summary>
    private static string Text(string html, string element = "main") =>
        string.Concat(PageAssert.WellFormed(html).Root!.Descendants(element).Single().DescendantNodes().OfType<XText>().Select(n => n.Value));

    private static InvitationContent Content(string? phone, int? reminder = null) => new(Clinic,
        new Uri("https://outcomes.example.org/api/surveys/abc.def"), new Uri("https://outcomes.example.org/api/surveys/abc.def/opt-out"),
        reminder, 9, new DateOnly(2026, 12, 4), phone);

    [Theory]
    [MemberData(nameof(CallLines))]
    public void Every_page_behind_a_link_says_whom_to_call_in_the_patient_s_language(string language, string line)
    {
        var t = PatientTextsTests.Shipped.For(language);

        foreach (var (name, page) in MessagePages(t))
        {
            var html = page(WithPhone);
            Assert.True(Text(html).Contains(line, StringComparison.Ordinal), $"{language} {name}: no '{line}'");
            var tel = Assert.Single(PageAssert.WellFormed(html).All("a"), a => a.Attr("href")?.StartsWith("tel:", StringComparison.Ordinal) == true);
            Assert.Equal("tel:" + Phone, tel.Attr("href"));
            Assert.Equal(PhoneShown, tel.Value);
        }
    }

    [Theory]
    [MemberData(nameof(CallLines))]
    public void The_survey_form_says_whom_to_call_when_the_clinic_gave_a_phone_and_not_otherwise(string language, string line)
    {
        var t = PatientTextsTests.Shipped.For(language);
        SurveyFormModel Model(string? phone) => new(Clinic, "1 month", "abc.def", new DateOnly(2026, 12, 4), [], new Dictionary<string, IReadOnlyList<string>>(), phone);

        Assert.Contains(line, Text(SurveyPages.Form(t, Model(Phone))));
        var without = SurveyPages.Form(t, Model(null));
        Assert.DoesNotContain("tel:", without);
        Assert.Contains(Clinic, Text(without));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Without_a_phone_the_pages_name_the_clinic_and_offer_no_number(string language)
    {
        var t = PatientTextsTests.Shipped.For(language);

        foreach (var (name, page) in MessagePages(t))
        {
            var html = page(WithoutPhone);
            Assert.True(Text(html).Contains(t.Format("clinic.from", ("clinicName", Clinic)), StringComparison.Ordinal), $"{language} {name}");
            Assert.DoesNotContain("tel:", html);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_page_that_knows_no_clinic_names_none(string language)
    {
        var t = PatientTextsTests.Shipped.For(language);

        Assert.DoesNotContain("class=\"clinic\"", SurveyPages.NotFound(t));
        Assert.DoesNotContain("class=\"clinic\"", SurveyPages.ThankYou(t));
    }

    [Theory]
    [MemberData(nameof(CallLines))]
    public void Invitations_and_reminders_by_e_mail_say_whom_to_call(string language, string line)
    {
        var t = PatientTextsTests.Shipped.For(language);

        foreach (var reminder in new int?[] { null, 1, 2 })
        {
            var email = InvitationMessages.Email(t, Content(Phone, reminder));
            Assert.Contains(line, email.Text);
            Assert.Contains($"<a href=\"tel:{Phone}\" style=\"white-space:nowrap\">{PhoneShown}</a>", email.Html);
            Assert.Contains(line, Text(email.Html, "body"));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Without_a_phone_an_e_mail_offers_no_number(string language)
    {
        var t = PatientTextsTests.Shipped.For(language);

        var email = InvitationMessages.Email(t, Content(null));

        Assert.DoesNotContain("tel:", email.Html);
        Assert.DoesNotContain(t.Format("clinic.call", ("clinicName", Clinic)).Split('{')[0], email.Text);
        Assert.Contains(Clinic, email.Text);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_text_message_stays_as_short_as_without_a_phone(string language)
    {
        var t = PatientTextsTests.Shipped.For(language);

        foreach (var reminder in new int?[] { null, 1 })
            Assert.Equal(InvitationMessages.Sms(t, Content(null, reminder)), InvitationMessages.Sms(t, Content(Phone, reminder)));
    }

    [Theory]
    [InlineData("+493012345678", "+49 30 12345678")]
    [InlineData("+16175550123", "+1 617-555-0123")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    [InlineData("+8613812345678", "+86 138 1234 5678")]
    [InlineData("+34912345678", "+34 912 34 56 78")]
    [InlineData("+9991234567", "+9991234567")]   // no country has +999: shown as kept
    public void A_phone_is_shown_grouped_as_its_country_writes_it(string e164, string shown) =>
        Assert.Equal(shown, ClinicContact.Readable(e164));

    [Fact]
    public void A_clinic_contact_in_a_log_shows_no_phone() =>
        Assert.DoesNotContain("12345678", WithPhone.ToString());
}

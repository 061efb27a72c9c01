using System.Xml.Linq;
using Outcomes.Functions.Patients;

namespace Outcomes.Functions.Tests.Patients;

public sealed class SurveyPagesTests
{
    private static readonly PatientTexts Texts = PatientTextsTests.Shipped;
    private static readonly LanguageTexts English = Texts.For("en");
    private static readonly Dictionary<string, IReadOnlyList<string>> Nothing = [];
    private static readonly ClinicContact CallUs = new("Spine Centre North", "+493012345678");

    private static SurveyFormModel Model(IReadOnlyList<FieldError>? errors = null, Dictionary<string, IReadOnlyList<string>>? previous = null,
        string clinic = "Spine Centre North") =>
        new(clinic, "1 month", "/api/surveys/abc.def", new DateOnly(2026, 12, 4), errors ?? [], previous ?? Nothing);

    /// <summary>Every page, in every language, the form with every field in error.</summary>
    public static TheoryData<string, string> Pages()
    {
        var pages = new TheoryData<string, string>();
        foreach (var language in Texts.Languages)
        {
            var t = Texts.For(language);
            var everyError = new[] { "pain", "medications", "opioid", "opioid.name", "opioid.dailyDose", "newFracture" }
                .Select(f => new FieldError(f, t[$"error.{f}"])).ToList();
            pages.Add($"{language} form", SurveyPages.Form(t, Model()));
            pages.Add($"{language} form with errors", SurveyPages.Form(t, Model(everyError)));
            pages.Add($"{language} thank you", SurveyPages.ThankYou(t));
            pages.Add($"{language} already received", SurveyPages.AlreadyReceived(t));
            pages.Add($"{language} not found", SurveyPages.NotFound(t));
            pages.Add($"{language} expired", SurveyPages.Expired(t));
            pages.Add($"{language} closed", SurveyPages.Closed(t));
            pages.Add($"{language} opt-out confirm", SurveyPages.OptOutConfirm(t, "/api/surveys/abc.def/opt-out"));
            pages.Add($"{language} opted out", SurveyPages.OptedOut(t));
            pages.Add($"{language} one-week form with the clinic's phone", SurveyPages.Form(t, Model(everyError) with { ClinicPhone = "+493012345678", TimePointCode = "1w" }));
            pages.Add($"{language} thank you with the clinic's phone", SurveyPages.ThankYou(t, CallUs));
            pages.Add($"{language} expired with the clinic's name", SurveyPages.Expired(t, new ClinicContact("Spine Centre North", null)));
            pages.Add($"{language} opt-out confirm with the clinic's phone", SurveyPages.OptOutConfirm(t, "/api/surveys/abc.def/opt-out", CallUs));
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_page_is_a_complete_phone_ready_document_without_scripts_or_outside_resources(string name, string html)
    {
        var page = PageAssert.WellFormed(html);

        Assert.False(string.IsNullOrEmpty(page.Root!.Attr("lang")), name);
        Assert.Contains(page.All("meta"), m => m.Attr("name") == "viewport" && m.Attr("content") == "width=device-width, initial-scale=1");
        Assert.Single(page.All("title"));
        Assert.Single(page.All("h1"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<link|<img|<iframe|@import|url\\(|\\son[a-z]+=", html);
        Assert.DoesNotMatch(@"\{[A-Za-z]+\}", html);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_input_has_a_label_whose_for_matches_its_id(string name, string html)
    {
        var page = PageAssert.WellFormed(html);
        var labelled = page.All("label").Select(l => l.Attr("for")).ToList();
        var inputs = page.All("input").Concat(page.All("select")).Concat(page.All("textarea")).ToList();

        Assert.All(inputs, input =>
        {
            var id = input.Attr("id");
            Assert.False(string.IsNullOrEmpty(id), $"{name}: an input without an id");
            Assert.Single(labelled, l => l == id);
        });
        Assert.Equal(inputs.Count, inputs.Select(i => i.Attr("id")).Distinct().Count());
        Assert.All(page.Descendants().Where(e => e.Attr("id") is not null).GroupBy(e => e.Attr("id")), g => Assert.Single(g));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Radios_and_checkboxes_sit_in_a_fieldset_with_a_legend(string name, string html)
    {
        var page = PageAssert.WellFormed(html);

        foreach (var choice in page.All("input").Where(i => i.Attr("type") is "radio" or "checkbox"))
        {
            var fieldset = choice.Ancestors("fieldset").FirstOrDefault();
            Assert.True(fieldset is not null, $"{name}: {choice.Attr("id")} is not in a fieldset");
            Assert.Equal("legend", fieldset.Elements().First().Name.LocalName);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_aria_reference_points_at_an_element_on_the_page(string name, string html)
    {
        var page = PageAssert.WellFormed(html);
        var ids = page.Descendants().Select(e => e.Attr("id")).OfType<string>().ToHashSet();

        var references = page.Descendants().SelectMany(e => (e.Attr("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat((e.Attr("aria-labelledby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Concat(e.Attr("href") is { } href && href.StartsWith('#') ? [href[1..]] : []));

        Assert.All(references, r => Assert.True(ids.Contains(r), $"{name}: nothing has id '{r}'"));
    }

    [Fact]
    public void The_form_posts_the_five_questions_under_the_answers_field_names()
    {
        var page = PageAssert.WellFormed(SurveyPages.Form(English, Model()));
        var form = page.All("form").Single();

        Assert.Equal("post", form.Attr("method"));
        Assert.Equal("/api/surveys/abc.def", form.Attr("action"));
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString()), Values(page, "pain", "radio"));
        Assert.Equal(["none", "paracetamol", "nsaid", "weak_opioid", "strong_opioid"], Values(page, "medications", "checkbox"));
        Assert.Equal(["yes", "no", "unsure"], Values(page, "newFracture", "radio"));
        Assert.Equal(["", "morphine", "codeine", "tramadol", "tapentadol", "hydrocodone", "oxycodone", "oxymorphone", "hydromorphone",
            "fentanyl_transdermal", "buprenorphine", "methadone"],
            page.All("select").Single(s => s.Attr("name") == "opioid.name").Elements("option").Select(o => o.Attr("value")));
        Assert.Equal("number", page.All("input").Single(i => i.Attr("name") == "opioid.dailyDose").Attr("type"));
        Assert.Single(page.All("button"), b => b.Attr("type") == "submit");
    }

    [Fact]
    public void The_pain_question_asks_for_the_average_over_24_hours_with_its_anchors()
    {
        var html = SurveyPages.Form(English, Model());

        Assert.Contains("What was your average back pain over the last 24 hours?", html);
        Assert.Contains("0 = no pain", html);
        Assert.Contains("10 = worst pain imaginable", html);
        Assert.Contains("Spine Centre North would like to know how you are doing 1 month after your spine treatment", html);
    }

    [Fact]
    public void Errors_are_listed_first_in_an_alert_linked_to_their_fields_which_point_back_at_them()
    {
        var errors = new[] { new FieldError("pain", "Choose pain"), new FieldError("opioid.dailyDose", "Dose is a number") };

        var page = PageAssert.WellFormed(SurveyPages.Form(English, Model(errors)));

        var alert = page.All("div").Single(d => d.Attr("role") == "alert");
        Assert.True(alert.IsBefore(page.All("form").Single()));
        Assert.Equal(["#pain-0", "#opioid-dailyDose"], alert.Descendants("a").Select(a => a.Attr("href")));
        Assert.Equal(["Choose pain", "Dose is a number"], alert.Descendants("a").Select(a => a.Value));
        var pain = page.All("fieldset").Single(f => f.Attr("id") == "pain");
        Assert.Contains("pain-error", pain.Attr("aria-describedby")!.Split(' '));
        Assert.Equal("Choose pain", Element(page, "pain-error").Value);
        Assert.All(pain.Descendants("input"), i => Assert.Equal("true", i.Attr("aria-invalid")));
        var dose = Element(page, "opioid-dailyDose");
        Assert.Equal("true", dose.Attr("aria-invalid"));
        Assert.Equal("opioid-dailyDose-error", dose.Attr("aria-describedby"));
        Assert.Null(Element(page, "opioid-name").Attr("aria-invalid"));
        Assert.All(Element(page, "newFracture").Descendants("input"), i => Assert.Null(i.Attr("aria-invalid")));
    }

    [Fact]
    public void Without_errors_there_is_no_alert()
    {
        var html = SurveyPages.Form(English, Model());

        Assert.DoesNotContain("role=\"alert\"", html);
        Assert.DoesNotContain("aria-invalid=\"", html);
    }

    [Fact]
    public void After_an_error_the_previous_answers_are_filled_in_again()
    {
        var previous = new Dictionary<string, IReadOnlyList<string>>
        {
            ["pain"] = ["7"], ["medications"] = ["paracetamol", "weak_opioid"], ["opioid.name"] = ["tramadol"],
            ["opioid.dailyDose"] = ["100\"><b>"], ["newFracture"] = ["unsure"],
        };

        var page = PageAssert.WellFormed(SurveyPages.Form(English, Model([new FieldError("opioid.dailyDose", "wrong")], previous)));

        Assert.Equal(["pain-7", "medications-paracetamol", "medications-weak_opioid", "newFracture-unsure"],
            page.All("input").Where(i => i.Attr("checked") is not null).Select(i => i.Attr("id")));
        Assert.Equal(["tramadol"], page.All("option").Where(o => o.Attr("selected") is not null).Select(o => o.Attr("value")));
        Assert.Equal("100\"><b>", Element(page, "opioid-dailyDose").Attr("value"));
        Assert.Empty(page.All("b"));
    }

    [Fact]
    public void A_hostile_clinic_name_is_shown_as_text()
    {
        const string hostile = "<script>alert(1)</script> & <b>Spine</b>";

        var html = SurveyPages.Form(English, Model(clinic: hostile));

        var page = PageAssert.WellFormed(html);
        Assert.DoesNotContain("<script", html);
        Assert.Empty(page.All("b"));
        Assert.Contains(hostile, page.All("title").Single().Value);
        Assert.Contains(hostile, page.All("p").First().Value);
    }

    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("es-MX", "es")]
    [InlineData("fr", "en")]
    public void Each_page_declares_the_language_actually_used(string requested, string declared)
    {
        Assert.Equal(declared, PageAssert.WellFormed(SurveyPages.ThankYou(Texts.For(requested))).Root!.Attr("lang"));
    }

    [Fact]
    public void Opting_out_takes_one_post_button()
    {
        var page = PageAssert.WellFormed(SurveyPages.OptOutConfirm(English, "/api/surveys/abc.def/opt-out"));

        var form = page.All("form").Single();
        Assert.Equal("post", form.Attr("method"));
        Assert.Equal("/api/surveys/abc.def/opt-out", form.Attr("action"));
        Assert.Equal("Stop the surveys", form.Elements("button").Single().Value);
        Assert.Empty(page.All("input"));
    }

    [Theory]
    [InlineData("1w", "en", "1 week")]
    [InlineData("12m", "en", "12 months")]
    [InlineData("3M", "es", "3 meses")]
    [InlineData("6m", "zh-Hans", "6个月")]
    [InlineData("2y", "en", "2y")]
    public void Time_points_are_named_in_the_patient_s_language(string code, string language, string expected)
    {
        Assert.Equal(expected, SurveyPages.TimePointLabel(Texts.For(language), code));
    }

    private static IEnumerable<string?> Values(XDocument page, string name, string type) =>
        page.All("input").Where(i => i.Attr("name") == name).Select(i => { Assert.Equal(type, i.Attr("type")); return i.Attr("value"); });

    private static XElement Element(XDocument page, string id) => page.Descendants().Single(e => e.Attr("id") == id);
}

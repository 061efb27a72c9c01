namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>The form doors (the dashboard's sign-in, the survey page's post, the staff's registration form, the SMS webhook) and bodies of the wrong media type.</summary>
[Collection(HostileCollection.Name)]
public sealed class HostileFormTests(HostileHost app)
{
    [Fact]
    public async Task A_json_body_sent_as_text_plain_or_any_other_type_is_415()
    {
        await app.FreshenAsync();
        var probes = FormProbes.WrongMediaTypes(app).ToList();

        var report = await HostileRun.SendAsync(app, nameof(A_json_body_sent_as_text_plain_or_any_other_type_is_415), probes);

        Assert.All(app.Doors.Json, d => Assert.Contains(probes, p => p.Door == d.Name && p.ContentType == "text/plain"));
        report.AssertClean();
    }

    [Fact]
    public async Task The_sign_in_form_survives_key_NUL_and_an_oversized_chunked_body()
    {
        await app.FreshenAsync();
        var probes = FormProbes.SignIn(app).ToList();

        var report = await HostileRun.SendAsync(app, nameof(The_sign_in_form_survives_key_NUL_and_an_oversized_chunked_body), probes);

        Assert.Contains(probes, p => p.Input == "key=%00");
        Assert.Contains(probes, p => p.Chunked && p.Statuses.SequenceEqual([413]));
        report.AssertClean();
    }

    [Fact]
    public async Task The_survey_form_refuses_bad_answers_with_the_form_again_and_queues_nothing()
    {
        await app.FreshenAsync();
        var probes = FormProbes.SurveyForm(app).ToList();

        var report = await HostileRun.SendAsync(app, nameof(The_survey_form_refuses_bad_answers_with_the_form_again_and_queues_nothing), probes);

        Assert.All(JsonTemplates.SurveyForm().Select(f => f.Key).Distinct(), field => Assert.Contains(probes, p => p.Input.StartsWith(field + "=", StringComparison.Ordinal)));
        report.AssertClean();
    }

    [Fact]
    public async Task The_registration_form_refuses_hostile_fields_with_the_form_again_and_stores_nothing()
    {
        await app.FreshenAsync();
        var probes = FormProbes.RegistrationForm(app, 20261205).ToList();

        var report = await HostileRun.SendAsync(app, nameof(The_registration_form_refuses_hostile_fields_with_the_form_again_and_stores_nothing), probes);

        Assert.All(FormProbes.RegistrationForm(new Random(1)).Select(f => f.Key).Distinct(),
            field => Assert.Contains(probes, p => p.Input.StartsWith(field + "=<script>", StringComparison.Ordinal)));
        report.AssertClean();
    }

    [Fact]
    public async Task The_sms_webhook_refuses_a_5_MiB_unsigned_form_without_a_5xx()
    {
        await app.FreshenAsync();
        Probe[] probes = [FormProbes.FiveMebibyteUnsignedSms(chunked: false), FormProbes.FiveMebibyteUnsignedSms(chunked: true)];

        var report = await HostileRun.SendAsync(app, nameof(The_sms_webhook_refuses_a_5_MiB_unsigned_form_without_a_5xx), probes);

        Assert.All(probes, p => Assert.Equal(5 * 1024 * 1024 + 5, p.Body!.Length));
        report.AssertClean();
    }

    [Fact]
    public async Task The_sms_webhook_refuses_unsigned_forged_and_malformed_posts_and_odd_signed_ones_change_nothing()
    {
        await app.FreshenAsync();
        var probes = FormProbes.SmsWebhook(app, 20261204).ToList();

        var report = await HostileRun.SendAsync(app, nameof(The_sms_webhook_refuses_unsigned_forged_and_malformed_posts_and_odd_signed_ones_change_nothing), probes);

        Assert.Contains(probes, p => p.MayBeServed && p.Headers.Any(h => h.Key == "X-Twilio-Signature"));
        report.AssertClean();
    }
}

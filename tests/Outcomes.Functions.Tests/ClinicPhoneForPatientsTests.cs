using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Outcomes.Functions.Tests;

/// <summary>
/// A phone the clinic sets reaches its patients: the invitation e-mail, the survey page and the pages behind the link
/// (expired, opt-out) say whom to call, in the patient's language; an SMS does not carry it. The clock says 2026-03-01
/// 10:00 in Amsterdam.
/// </summary>
public sealed class ClinicPhoneForPatientsTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    public static TheoryData<string, string> CallLines() => new()
    {
        { "en", "Questions? Call Spine Centre North on +49 30 12345678." },
        { "es", "¿Tiene preguntas? Llame a Spine Centre North al +49 30 12345678." },
        { "zh-Hans", "如有疑问，请致电Spine Centre North：+49 30 12345678。" },
    };

    private async Task<Access.RegisteredClinic> ClinicWithPhoneAsync()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync("Spine Centre North");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/clinics/{clinic.ClinicId}")
        {
            Content = new StringContent("""{"phone": "+49 30 1234 5678"}""", Encoding.UTF8),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", clinic.ApiKey) },
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(request)).StatusCode);
        return clinic;
    }

    private static string Readable(string html) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));

    [Theory]
    [MemberData(nameof(CallLines))]
    public async Task The_invitation_e_mail_and_the_pages_behind_its_link_say_whom_to_call(string language, string line)
    {
        var clinic = await ClinicWithPhoneAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", $"CALL-{language}", $"call-{language.ToLowerInvariant()}@example.org", language: language));
        var invitation = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal));

        var mail = (await app.DeliverAsync(invitation, Guid.NewGuid().ToString("N")))["Outputs"]!["email"]!;
        var token = app.TokenFor($"{procedureId}_1w");
        var page = await app.Client.GetStringAsync($"/api/surveys/{token}");
        var expired = await app.Client.GetAsync($"/api/surveys/{app.TokenFor($"{procedureId}_1w", app.Clock.Now.AddMinutes(-1))}");
        var optOut = await app.Client.GetStringAsync($"/api/surveys/{token}/opt-out");

        Assert.Contains(line, mail["content"]![0]!["value"]!.GetValue<string>());
        Assert.Contains(line, Readable(mail["content"]![1]!["value"]!.GetValue<string>()));
        Assert.Contains(line, Readable(page));
        Assert.Contains("href=\"tel:+493012345678\"", page);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains(line, Readable(await expired.Content.ReadAsStringAsync()));
        Assert.Contains(line, Readable(optOut));
    }

    [Fact]
    public async Task A_text_message_does_not_carry_the_phone()
    {
        var clinic = await ClinicWithPhoneAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "CALL-SMS", email: null, phone: "+34 612 345 678", language: "es"));
        var invitation = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal));

        var sms = (await app.DeliverAsync(invitation, Guid.NewGuid().ToString("N")))["Outputs"]!["sms"]!["body"]!.GetValue<string>();

        Assert.Contains("Spine Centre North", sms);
        Assert.DoesNotContain("3012345678", sms.Replace(" ", ""));
    }

    [Fact]
    public async Task The_thank_you_page_says_whom_to_call()
    {
        var clinic = await ClinicWithPhoneAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "CALL-THANKS", "call-thanks@example.org"));

        var (http, _) = await app.SubmitAsync(app.TokenFor($"{procedureId}_1w"), "pain=3&medications=none&newFracture=no", "application/x-www-form-urlencoded");

        Assert.Equal(202, http.Status());
        Assert.Contains("Questions? Call Spine Centre North on +49 30 12345678.", Readable(http["body"]!.GetValue<string>()));
    }
}

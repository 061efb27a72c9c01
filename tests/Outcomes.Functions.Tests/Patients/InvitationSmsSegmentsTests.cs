using Microsoft.Extensions.Configuration;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Messages;
using Outcomes.Functions.Patients;

namespace Outcomes.Functions.Tests.Patients;

/// <summary>
/// What each language's invitation and reminder text message costs, in segments, with a link as long as a real one.
/// The budgets are the counts measured when this test was written: wording and links may only bring them down.
/// </summary>
public sealed class InvitationSmsSegmentsTests
{
    private static readonly SurveyLinks Links = new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        [SurveyLinks.KeysSetting] = "2026-11:" + Convert.ToBase64String(new byte[32]),
        [SurveyLinks.PublicBaseUrlSetting] = "https://outcomes.example.org",
    }).Build());

    /// <summary>The 12-month follow-up (the longest time-point code) of a procedure with a generated id, as registration makes them.</summary>
    private static readonly string Token = Links.Issue(
        new FollowUpId(Guid.NewGuid().ToString("N"), TimePoint.TwelveMonths), new DateTimeOffset(2027, 12, 31, 23, 0, 0, TimeSpan.Zero));

    /// <summary>The deadlines a message can carry: the last day, a few days, and a window's whole length.</summary>
    private static readonly int[] DaysLeft = [1, 9, 92];

    public static TheoryData<string, int?, int> Budgets() => new()
    {
        // language, reminder (null: the invitation), segments at most. With the JSON token's 183-character link they were
        // 2, 5 and 4 (en 283 septets, es 319 and zh-Hans 235 UCS-2 units); the compact token's link is 110 characters.
        { "en", null, 2 },        // 210 septets
        { "en", 1, 2 },           // 220
        { "es", null, 4 },        // 246 UCS-2 units: á, í, ó and ú are not in the GSM alphabet
        { "es", 1, 4 },           // 260
        { "zh-Hans", null, 3 },   // 162
        { "zh-Hans", 1, 3 },      // 165
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public void An_sms_costs_no_more_segments_than_it_did(string language, int? reminder, int budget)
    {
        var t = PatientTextsTests.Shipped.For(language);

        var lengths = DaysLeft.Select(days => SmsSegments.Measure(InvitationMessages.Sms(t, new InvitationContent(
            "Spine Centre North", Links.SurveyLink(Token), Links.OptOutLink(Token), reminder, days, new DateOnly(2027, 12, 31))))).ToList();

        var most = lengths.MaxBy(l => l.Segments)!;
        Assert.True(most.Segments <= budget, $"{language} {(reminder is null ? "invitation" : "reminder")}: {most} (budget {budget}); link {Links.SurveyLink(Token).AbsoluteUri.Length} characters");
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>The local host's outbox: the e-mails and SMS the app would have sent, one JSON file each.</summary>
internal static partial class Outbox
{
    public sealed record Mail(string File, string To, string Subject, string Text, string Html, Uri SurveyLink);

    public static List<Mail> Mails(this LocalHostProcess host, string to)
    {
        if (!Directory.Exists(host.OutboxFolder)) return [];
        return Directory.GetFiles(host.OutboxFolder, "*-DeliverSurveyInvitation-email-*.json").Order()
            .Select(file => (file, json: JsonNode.Parse(File.ReadAllText(file))!))
            .Where(m => m.json["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == to)
            .Select(m =>
            {
                var text = m.json["content"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "text/plain")!["value"]!.GetValue<string>();
                var html = m.json["content"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "text/html")!["value"]!.GetValue<string>();
                var link = SurveyLink().Match(text);
                Assert.True(link.Success, $"No survey link in {m.file}");
                return new Mail(m.file, to, m.json["subject"]!.GetValue<string>(), text, html, new Uri(link.Value));
            }).ToList();
    }

    [GeneratedRegex(@"https?://[^\s/]+/api/surveys/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?![A-Za-z0-9_/-])")]
    private static partial Regex SurveyLink();
}

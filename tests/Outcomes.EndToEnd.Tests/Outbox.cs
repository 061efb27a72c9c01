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
            .Select(file => (file, json: Read(file)))
            .Where(m => m.json is not null && m.json["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == to)
            .Select(m => (m.file, json: m.json!))
            .Select(m =>
            {
                var text = m.json["content"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "text/plain")!["value"]!.GetValue<string>();
                var html = m.json["content"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "text/html")!["value"]!.GetValue<string>();
                var link = SurveyLink().Match(text);
                Assert.True(link.Success, $"No survey link in {m.file}");
                return new Mail(m.file, to, m.json["subject"]!.GetValue<string>(), text, html, new Uri(link.Value));
            }).ToList();
    }

    /// <summary>The red-flag alerts sent to <paramref name="to"/> (RecordSurveyResponse's e-mail output): each message's whole JSON.</summary>
    public static List<JsonNode> Alerts(this LocalHostProcess host, string to) =>
        !Directory.Exists(host.OutboxFolder) ? [] : Directory.GetFiles(host.OutboxFolder, "*-RecordSurveyResponse-alert-*.json").Order()
            .Select(Read).OfType<JsonNode>()
            .Where(json => json["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == to).ToList();

    /// <summary>The mail in a file, or null while the local host is still writing it (it writes in place): the next look finds it whole.</summary>
    private static JsonNode? Read(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"https?://[^\s/]+/api/surveys/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?![A-Za-z0-9_/-])")]
    private static partial Regex SurveyLink();
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Outcomes.Storage;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>A message body for a queue-triggered function that can never be processed, said short.</summary>
internal sealed record BadMessage(string Input, string Body);

/// <summary>
/// Messages the queue-triggered functions can never process. Where a message is otherwise well-formed it names a
/// follow-up that does not exist, or, when it is about the sealed answers, a real open one: taking it would show.
/// Bodies stay under Azurite's 64 KiB queue message limit (the transport here; Service Bus takes 256 KB).
/// </summary>
internal static class QueueProbes
{
    public const string Ghost = "0123456789abcdef0123456789abcdef_1w";

    private static readonly string Deep = new string('[', 10_000) + new string(']', 10_000);

    private static readonly string Big = string.Concat(Enumerable.Repeat("h0stile-40k-", 40 * 1024 / 12));

    public static IReadOnlyList<BadMessage> SurveyResponses(string openFollowUp, DateOnly today, ContactCipher cipher)
    {
        var answers = cipher.Seal(Encoding.UTF8.GetBytes("""{"pain":4}"""));
        string Message(string followUp, string? sealedAnswers = null, Action<JsonObject>? change = null)
        {
            var message = new JsonObject
            {
                ["responseId"] = Guid.NewGuid(), ["followUpId"] = followUp, ["answeredOn"] = today.ToString("yyyy-MM-dd"),
                ["sealedAnswers"] = sealedAnswers ?? answers, ["source"] = new JsonObject { ["kind"] = "PatientLink", ["id"] = "hostile-suite" },
                ["submittedAt"] = DateTimeOffset.UtcNow,
            };
            change?.Invoke(message);
            return message.ToJsonString();
        }
        var ghost = Message(Ghost);
        string Sealed(string json) => cipher.Seal(Encoding.UTF8.GetBytes(json));
        var otherKey = new ContactCipher("hostile:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var sameIdOtherSecret = new ContactCipher(cipher.Seal([])[..cipher.Seal([]).IndexOf(':')] + ":" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return
        [
            .. Structural(ghost),
            new("a follow-up that does not exist", ghost),
            new("a follow-up id that is not one", Message("nope")),
            new("a follow-up id with a path in it", Message("../../" + Ghost)),
            new("markup as the follow-up id", Message(HostileText.Markers[0] + "_1w")),
            new("a NUL in the follow-up id", Message("0123\u0000456789abcdef_1w")),
            new("a follow-up id of 40 KB", Message(Big + "_1w")),
            new("a lone surrogate in the follow-up id", ghost.Replace(Ghost, "\\ud800" + Ghost, StringComparison.Ordinal)),
            new("a lone surrogate in source.id", ghost.Replace("hostile-suite", "hostile\\udfff", StringComparison.Ordinal)),
            new("a lone surrogate as a property name", "{\"\\ud800\":1," + ghost[1..]),
            new("the follow-up id twice", ghost.Replace("\"followUpId\"", "\"followUpId\":\"" + Ghost + "\",\"followUpId\"", StringComparison.Ordinal)),
            new("a responseId that is not a GUID", Message(Ghost, change: m => m["responseId"] = "hostile")),
            new("the empty GUID as responseId", Message(Ghost, change: m => m["responseId"] = Guid.Empty)),
            new("a number as responseId", Message(Ghost, change: m => m["responseId"] = 1)),
            new("answeredOn not a date", Message(Ghost, change: m => m["answeredOn"] = "2026-13-45")),
            new("submittedAt not a time", Message(Ghost, change: m => m["submittedAt"] = "hostile")),
            new("a source kind nobody knows", Message(Ghost, change: m => m["source"] = new JsonObject { ["kind"] = "Root", ["id"] = "x" })),
            new("no source", Message(Ghost, change: m => m.Remove("source"))),
            new("no sealed answers", Message(Ghost, change: m => m.Remove("sealedAnswers"))),
            new("sealed answers that are not base64", Message(openFollowUp, "%%%")),
            new("sealed answers of random bytes", Message(openFollowUp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)))),
            new("answers sealed under an unknown key", Message(openFollowUp, otherKey.Seal(Encoding.UTF8.GetBytes("""{"pain":4}""")))),
            new("answers sealed under the key's id with another secret", Message(openFollowUp, sameIdOtherSecret.Seal(Encoding.UTF8.GetBytes("""{"pain":4}""")))),
            new("sealed answers cut short", Message(openFollowUp, answers[..^12])),
            new("sealed answers that are not JSON", Message(openFollowUp, Sealed("hostile"))),
            new("sealed answers with pain 99", Message(openFollowUp, Sealed("""{"pain":99}"""))),
            new("sealed answers with a lone surrogate", Message(openFollowUp, Sealed("""{"pain":4,"newFracture":"\ud800"}"""))),
            new("sealed answers with a duplicate key", Message(openFollowUp, Sealed("""{"pain":4,"pain":5}"""))),
            new("sealed answers nested 10,000 deep", Message(openFollowUp, Sealed(Deep))),
            new("sealed answers of invalid UTF-8", Message(openFollowUp, cipher.Seal([0x7B, 0xFF, 0xFE, 0x7D]))),
        ];
    }

    public static IReadOnlyList<BadMessage> SurveyInvitations()
    {
        string Message(string followUp, string invitationId = "hostile-invitation", string reminder = "null") =>
            $$"""{"invitationId":{{new JsonArray(invitationId)[0]!.ToJsonString()}},"followUpId":{{new JsonArray(followUp)[0]!.ToJsonString()}},"reminder":{{reminder}}}""";
        var ghost = Message(Ghost);
        return
        [
            .. Structural(ghost),
            new("a follow-up that does not exist", ghost),
            new("no follow-up", """{"invitationId":"hostile-invitation","reminder":null}"""),
            new("a follow-up id that is not one", Message("nope")),
            new("a follow-up id with a path in it", Message("../../" + Ghost)),
            new("markup as the follow-up id", Message(HostileText.Markers[1] + "_1w")),
            new("a NUL in the follow-up id", Message("0123\u0000456789abcdef_1w")),
            new("an invitation id of 40 KB", Message(Ghost, Big)),
            new("an empty invitation id", Message(Ghost, "")),
            new("a number as the invitation id", ghost.Replace("\"hostile-invitation\"", "1", StringComparison.Ordinal)),
            new("a lone surrogate in the invitation id", ghost.Replace("hostile-invitation", "hostile\\ud800", StringComparison.Ordinal)),
            new("a lone surrogate in the follow-up id", ghost.Replace(Ghost, "\\udc00" + Ghost, StringComparison.Ordinal)),
            new("a lone surrogate as a property name", "{\"\\ud800\":1," + ghost[1..]),
            new("the follow-up id twice", ghost.Replace("\"followUpId\"", "\"followUpId\":\"" + Ghost + "\",\"followUpId\"", StringComparison.Ordinal)),
            .. new[] { "0", "3", "-1", "\"1\"", "1.5", "true", "[]", "99999999999" }.Select(r => new BadMessage($"reminder {r}", Message(Ghost, reminder: r))),
        ];
    }

    /// <summary>What is wrong with any message, whatever it should say: not JSON, cut, the wrong JSON, nested too deep, too long.</summary>
    private static IEnumerable<BadMessage> Structural(string wellFormed) =>
    [
        new("an empty body", ""), new("not JSON", "hostile"), new("'{'", "{"), new("an array", "[]"), new("null", "null"), new("a number", "1"),
        new("a JSON string", "\"hostile\""), new("an empty object", "{}"), new("cut in half", wellFormed[..(wellFormed.Length / 2)]),
        new("cut one short", wellFormed[..^1]), new("arrays nested 10,000 deep", Deep), new("a raw control byte inside a string", wellFormed.Replace(Ghost, "01\u001b23", StringComparison.Ordinal)),
        new("trailing garbage", wellFormed + "}x"), new("a 40 KB property", "{\"x\":\"" + Big + "\"," + wellFormed[1..]),
    ];
}

namespace Outcomes.Functions;

/// <summary>What an SMS reply asks for: nothing, to stop the surveys, or to have them again.</summary>
internal enum SmsKeyword { None, OptOut, OptIn }

/// <summary>
/// Reads an SMS reply the way Twilio does: the whole body, trimmed, ignoring case, is a keyword or is not ("STOP please"
/// is not). Twilio's default keywords (its support article "Twilio support for opt-out keywords" and the Advanced
/// Opt-Out guide) block or unblock the number at Twilio and are confirmed by Twilio itself; so is any reply Twilio names
/// in <c>OptOutType</c> (STOP, START, HELP) when Advanced Opt-Out is on. A language's own stop words (Texts/*.json) that
/// Twilio was not told about are Outcomes' alone to confirm.
/// </summary>
internal static class SmsKeywords
{
    public static readonly IReadOnlySet<string> TwilioOptOut =
        new HashSet<string>(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"], StringComparer.OrdinalIgnoreCase);

    public static readonly IReadOnlySet<string> TwilioOptIn = new HashSet<string>(["START", "YES", "UNSTOP"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The keyword, and whether Twilio answers the patient about it (then Outcomes' TwiML must not answer again).</summary>
    public static (SmsKeyword Keyword, bool TwilioConfirms) Read(string? body, string? optOutType, IReadOnlySet<string> languageStopWords)
    {
        switch (optOutType?.Trim().ToUpperInvariant())
        {
            case "STOP": return (SmsKeyword.OptOut, true);
            case "START": return (SmsKeyword.OptIn, true);
        }
        var word = (body ?? "").Trim().ToUpperInvariant();
        if (TwilioOptOut.Contains(word)) return (SmsKeyword.OptOut, true);
        if (TwilioOptIn.Contains(word)) return (SmsKeyword.OptIn, true);
        return languageStopWords.Contains(word) ? (SmsKeyword.OptOut, false) : (SmsKeyword.None, false);
    }
}

using System.Text.RegularExpressions;

namespace Outcomes.Domain.Procedures;

/// <summary>How a patient may be reached: an e-mail address and/or an E.164 phone number, and a BCP 47 language tag.</summary>
public static partial class ContactRules
{
    public const string NoWayToReach = "Give an e-mail address, a phone number for text messages, or both.";

    /// <summary>Why <paramref name="email"/> (trimmed) cannot be an address to send surveys to, or null when it can.</summary>
    public static string? WhyNotEmail(string email) =>
        email.Length > 254 || !Email().IsMatch(email) ? "This is not an e-mail address like \"name@example.org\"." : null;

    /// <summary>The number in E.164 form (+ and digits only; spaces, dashes, dots and brackets dropped), or why it is not one.</summary>
    public static (string? E164, string? Why) Phone(string phone)
    {
        var e164 = Separators().Replace(phone, "");
        return E164().IsMatch(e164) && !phone.Any(char.IsControl)
            ? (e164, null)
            : (null, "A phone number is written internationally, + and country code first, like \"+49 30 1234567\".");
    }

    public static string? WhyNotLanguage(string language) =>
        language.Length > 35 || !LanguageTag().IsMatch(language) ? "A language is a BCP 47 tag like \"en\", \"es\" or \"zh-Hans\"." : null;

    /// <summary>The practical subset of RFC 5322: atext and dots before the @ (letters of any script), labels of letters, digits and hyphens after it; no quotes, brackets, spaces or control characters.</summary>
    [GeneratedRegex(@"^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}

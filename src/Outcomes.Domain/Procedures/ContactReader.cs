using System.Text.Json;
using System.Text.RegularExpressions;
using Outcomes.Domain.Json;

namespace Outcomes.Domain.Procedures;

/// <summary>Reads <c>contact</c>: an e-mail and/or an E.164 phone number, and a BCP 47 language tag (default "en").</summary>
internal static partial class ContactReader
{
    public static PatientContact? Read(JsonFields fields, JsonElement body)
    {
        if (fields.Object(body, "contact", "", true) is not { } contact) return null;
        var before = fields.Problems.Count;
        var email = fields.String(contact, "email", "contact", false)?.Trim();
        var phone = fields.String(contact, "phone", "contact", false)?.Trim();
        var language = fields.String(contact, "language", "contact", false)?.Trim() ?? PatientContact.DefaultLanguage;

        if (email is { Length: > 0 } && (email.Length > 254 || !Email().IsMatch(email)))
            fields.Add(Rejection.Invalid("contact.email", "This is not an e-mail address like \"name@example.org\"."));
        var e164 = phone is null ? null : Separators().Replace(phone, "");
        if (phone is { Length: > 0 } && (!E164().IsMatch(e164!) || phone.Any(char.IsControl)))
            fields.Add(Rejection.Invalid("contact.phone", "A phone number is written internationally, + and country code first, like \"+49 30 1234567\"."));
        if (string.IsNullOrEmpty(email) && string.IsNullOrEmpty(phone) && fields.Problems.Count == before)
            fields.Add(Rejection.Invalid("contact", "Give an e-mail address, a phone number for text messages, or both."));
        if (language.Length > 35 || !LanguageTag().IsMatch(language))
            fields.Add(Rejection.Invalid("contact.language", "A language is a BCP 47 tag like \"en\", \"es\" or \"zh-Hans\"."));

        return fields.Problems.Count == before
            ? new PatientContact(string.IsNullOrEmpty(email) ? null : email, string.IsNullOrEmpty(e164) ? null : e164, language)
            : null;
    }

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

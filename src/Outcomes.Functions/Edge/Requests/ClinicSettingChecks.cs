using System.Text.RegularExpressions;
using Outcomes.Domain;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.Procedures;

namespace Outcomes.Functions;

/// <summary>
/// The rules of a clinic's settings, one per field, shared by creating a clinic and changing it: a display name of
/// 1–200 characters on one line, an IANA time zone, an alert e-mail address checked as a patient's address is, and a
/// phone patients may call in E.164 form (written internationally, as a patient's phone is). Each returns the value
/// to store, or null with the field's rejection added.
/// </summary>
internal static partial class ClinicSettingChecks
{
    public const int MaxNameLength = 200;

    public static string? Name(FieldChecks checks, string? value, string field = "name")
    {
        var name = value?.Trim();
        return checks.Refuse(field, name is null || name.Length is 0 or > MaxNameLength || !SingleLineText.IsClean(name)
                ? $"'{field}' must be 1–{MaxNameLength} characters without control characters or line breaks."
                : AddressOrKey().IsMatch(name) ? $"'{field}' is the clinic's name: it holds no e-mail address or API key." : null)
            ? null : name;
    }

    public static string? TimeZone(FieldChecks checks, string value, string field = "timeZone")
    {
        if (!LooksLikeIanaId(value))
        {
            checks.Refuse(field, $"'{Rejection.Excerpt(value)}' is not an IANA time-zone id such as 'Europe/Berlin' or 'Pacific/Auckland'.");
            return null;
        }
        if (ClinicCalendar.For(value).Why is { } why)
        {
            checks.Add(why);
            return null;
        }
        return value;
    }

    /// <summary>The address alerts go to, trimmed; refused when it is not one a message could be sent to.</summary>
    public static string? AlertEmail(FieldChecks checks, string value, string field = "alertEmail")
    {
        var email = value.Trim();
        return checks.Refuse(field, ContactRules.WhyNotEmail(email)) ? null : email;
    }

    /// <summary>The phone in E.164 form (+ and digits only), whatever spaces, dashes, dots or brackets it was written with.</summary>
    public static string? Phone(FieldChecks checks, string value, string field = "phone")
    {
        var (e164, why) = ContactRules.Phone(value.Trim());
        return checks.Refuse(field, why) ? null : e164;
    }

    // A name is shown to patients and recorded in the audit trail, which takes neither an address nor a key.
    [GeneratedRegex(@"\S@\S+\.\S|oc_[A-Za-z0-9_-]{43}")]
    private static partial Regex AddressOrKey();

    /// <summary>IANA ids are letters, digits and <c>/_-+</c> (no spaces, as Windows ids have; no '..', as paths have).</summary>
    private static bool LooksLikeIanaId(string id) =>
        id.Length is > 0 and <= 64 && !id.Contains("..", StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');
}

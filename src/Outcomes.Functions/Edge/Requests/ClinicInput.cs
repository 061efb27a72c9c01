using System.Text.Json;
using Outcomes.Domain;
using Outcomes.Domain.Clinics;

namespace Outcomes.Functions;

/// <summary>A new clinic's fields as sent to <c>POST /api/clinics</c>, checked: a name of 1–200 characters and an IANA time zone.</summary>
internal sealed record ClinicInput(string Name, string TimeZone)
{
    public const int MaxNameLength = 200;

    public static (ClinicInput? Input, Rejection? Why) Read(JsonElement body)
    {
        var (name, whyName) = JsonFields.RequiredString(body, "name");
        if (name is null)
            return (null, whyName);
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength || !SingleLineText.IsClean(name))
            return (null, Rejection.Invalid("name", $"'name' must be 1–{MaxNameLength} characters without control characters or line breaks."));

        var (timeZone, whyZone) = JsonFields.RequiredString(body, "timeZone");
        if (string.IsNullOrWhiteSpace(timeZone))
            return (null, whyZone ?? Rejection.Missing("timeZone"));
        if (!LooksLikeIanaId(timeZone))
            return (null, Rejection.Invalid("timeZone", $"'{Shorten(timeZone)}' is not an IANA time-zone id such as 'Europe/Berlin' or 'Pacific/Auckland'."));
        var (_, whyCalendar) = ClinicCalendar.For(timeZone);
        return whyCalendar is null ? (new ClinicInput(name, timeZone), null) : (null, whyCalendar);
    }

    /// <summary>IANA ids are letters, digits and <c>/_-+</c> (no spaces, as Windows ids have; no '..', as paths have).</summary>
    private static bool LooksLikeIanaId(string id) =>
        id.Length is > 0 and <= 64 && !id.Contains("..", StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

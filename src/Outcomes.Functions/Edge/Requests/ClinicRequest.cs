using Outcomes.Domain;
using Outcomes.Domain.Clinics;

namespace Outcomes.Functions;

/// <summary>The body of <c>POST /api/clinics</c>, as bound: a name of 1–200 characters and an IANA time zone.</summary>
public sealed record ClinicRequest(string? Name, string? TimeZone)
{
    public const int MaxNameLength = 200;

    /// <summary>The name (trimmed) and the time zone, or every wrong field.</summary>
    internal (string? Name, string? TimeZone, IReadOnlyList<Rejection> Problems) Check()
    {
        var checks = new FieldChecks();
        var name = checks.Present(Name?.Trim(), "name", true);
        if (name is not null && checks.Refuse("name", name.Length is 0 or > MaxNameLength || !SingleLineText.IsClean(name)
                ? $"'name' must be 1–{MaxNameLength} characters without control characters or line breaks." : null))
            name = null;
        var timeZone = checks.Present(string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone, "timeZone", true);
        if (timeZone is not null && !LooksLikeIanaId(timeZone))
        {
            checks.Refuse("timeZone", $"'{Rejection.Excerpt(timeZone)}' is not an IANA time-zone id such as 'Europe/Berlin' or 'Pacific/Auckland'.");
            timeZone = null;
        }
        else if (timeZone is not null && ClinicCalendar.For(timeZone).Why is { } why)
        {
            checks.Add(why);
            timeZone = null;
        }
        return checks.HasProblems ? (null, null, checks.Problems) : (name, timeZone, []);
    }

    /// <summary>IANA ids are letters, digits and <c>/_-+</c> (no spaces, as Windows ids have; no '..', as paths have).</summary>
    private static bool LooksLikeIanaId(string id) =>
        id.Length is > 0 and <= 64 && !id.Contains("..", StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');
}

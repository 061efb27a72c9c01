using Outcomes.Functions.Patients;

namespace Outcomes.Functions;

/// <summary>The page a patient sees for a survey link, and the headers every patient page carries (no scripts, nothing from elsewhere, not cached).</summary>
internal static class SurveyPageReplies
{
    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Content-Type"] = "text/html; charset=utf-8",
        ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ["Cache-Control"] = "no-store",
        ["Referrer-Policy"] = "same-origin",
        ["X-Content-Type-Options"] = "nosniff",
    };

    /// <summary>The page for a link that does not lead to an open survey: 404 (unknown), 410 (closed), 200 (already answered).</summary>
    public static (int Status, string Html) ForClosed(SurveyVisit visit, PatientTexts texts, string? acceptLanguage) => visit switch
    {
        SurveyVisit.Expired e => (410, SurveyPages.Expired(texts.For(e.Language ?? FirstLanguage(acceptLanguage)), ContactOf(e.Clinic))),
        SurveyVisit.Closed c => (410, SurveyPages.Closed(texts.For(c.Language), ClinicContact.Of(c.Clinic))),
        SurveyVisit.AlreadyAnswered a => (200, SurveyPages.AlreadyReceived(texts.For(a.Language), ClinicContact.Of(a.Clinic))),
        _ => (404, SurveyPages.NotFound(texts.For(FirstLanguage(acceptLanguage)))),
    };

    public static string Form(SurveyVisit.Open open, PatientTexts texts, string token,
        IReadOnlyList<FieldError>? errors = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? previous = null)
    {
        var t = texts.For(open.Language);
        var followUp = open.FollowUp.Record.FollowUp;
        return SurveyPages.Form(t, new SurveyFormModel(open.Clinic.Name, SurveyPages.TimePointLabel(t, followUp.TimePoint.Code),
            token, followUp.Window.LastDay, errors ?? [], previous ?? new Dictionary<string, IReadOnlyList<string>>(),
            open.Clinic.Phone, followUp.TimePoint.Code));
    }

    public static ClinicContact? ContactOf(Storage.Clinic? clinic) => clinic is null ? null : ClinicContact.Of(clinic);

    /// <summary>The browser's first preferred language (<c>Accept-Language: es-MX,es;q=0.9</c> → es-MX), for pages that know no patient.</summary>
    public static string? FirstLanguage(string? acceptLanguage) =>
        acceptLanguage?.Split(',')[0].Split(';')[0].Trim() is { Length: > 0 and <= 35 } tag ? tag : null;

    public static IResult Result(int status, string html) => new HtmlResult(status, html);

    private sealed class HtmlResult(int status, string html) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            foreach (var (name, value) in Headers)
                http.Response.Headers[name] = value;
            await http.Response.WriteAsync(html);
        }
    }
}

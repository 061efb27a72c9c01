namespace Outcomes.Functions;

/// <summary>
/// The message the SendGrid output binding sends (SendGrid's v3 mail/send shape); the sender comes from the binding's
/// <c>from</c> (setting <c>SurveyMailFrom</c>). It carries the one-click unsubscribe headers (RFC 8058), so mail clients
/// offer the opt-out beside the link in the message itself.
/// </summary>
internal static class SendGridMail
{
    public static object For(string to, Patients.EmailContent mail, Uri optOutLink) => new
    {
        personalizations = new[] { new { to = new[] { new { email = to } } } },
        subject = mail.Subject,
        content = new[] { new { type = "text/plain", value = mail.Text }, new { type = "text/html", value = mail.Html } },
        headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{optOutLink}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
    };

    /// <summary>A message to clinic staff (no unsubscribe: it is the clinic's own setting), in plain text and HTML.</summary>
    public static object ToStaff(string to, string subject, string text, string html) => new
    {
        personalizations = new[] { new { to = new[] { new { email = to } } } },
        subject,
        content = new[] { new { type = "text/plain", value = text }, new { type = "text/html", value = html } },
    };
}

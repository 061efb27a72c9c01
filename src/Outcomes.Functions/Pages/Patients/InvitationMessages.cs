using System.Globalization;
using Outcomes.Domain.FollowUps;
using static Outcomes.Functions.Patients.HtmlText;

namespace Outcomes.Functions.Patients;

/// <summary>
/// What a survey invitation or reminder says. <paramref name="ReminderNumber"/> is null for the invitation, else 1 or 2;
/// <paramref name="DaysLeft"/> counts today (1: today is the last day, <paramref name="LastDay"/>);
/// <paramref name="ClinicPhone"/> (E.164) when the clinic gave patients a number to call (e-mails only: an SMS stays short).
/// </summary>
public sealed record InvitationContent(string ClinicName, Uri SurveyLink, Uri OptOutLink, int? ReminderNumber, int DaysLeft, DateOnly LastDay,
    string? ClinicPhone = null)
{
    public ClinicContact Clinic => new(ClinicName, ClinicPhone);
}

public sealed record EmailContent(string Subject, string Text, string Html);

/// <summary>The invitation and reminder e-mails and text messages, in the patient's language.</summary>
public static class InvitationMessages
{
    public static EmailContent Email(LanguageTexts t, InvitationContent c)
    {
        var (subjectKey, bodyKey) = Kind(c) switch
        {
            null => ("email.invitation.subject", "email.invitation.body"),
            var n when c.DaysLeft <= 1 => ("email.reminder.lastDaySubject", $"email.reminder{n}.body"),
            var n => ($"email.reminder{n}.subject", $"email.reminder{n}.body"),
        };
        var values = Values(t, c);
        var deadlineKey = c.DaysLeft <= 1 ? "email.deadline.lastDay" : "email.deadline";
        var subject = t.Format(subjectKey, values);

        var call = c.Clinic.PhoneShown is { } phone ? t.Format("clinic.call", [.. values, ("phone", phone)]) : null;
        var text = string.Join("\n\n", new[]
        {
            t["email.greeting"], t.Format(bodyKey, values), t.Format("email.link", values), t.Format(deadlineKey, values), call,
            t.Format("email.signoff", values), "--\n" + t.Format("email.optOut", values) + "\n" + t.Format("email.automated", values),
        }.OfType<string>()) + "\n";
        return new EmailContent(subject, text, Html(t, c, subject, bodyKey, deadlineKey, values));
    }

    /// <summary>A short text: clinic, link, days left and how to stop, in two SMS segments or fewer in English.</summary>
    public static string Sms(LanguageTexts t, InvitationContent c)
    {
        var deadline = c.DaysLeft <= 1 ? t["sms.lastDay"] : t.Format("sms.daysLeft", Values(t, c));
        var key = Kind(c) is null ? "sms.invitation" : "sms.reminder";
        return t.Format(key, [.. Values(t, c), ("deadline", deadline)]) + " " + t["sms.stop"];
    }

    private static int? Kind(InvitationContent c) => c.ReminderNumber is null or (>= 1 and <= ReminderRule.MaxReminders)
        ? c.ReminderNumber
        : throw new ArgumentOutOfRangeException(nameof(c), c.ReminderNumber, $"A reminder is numbered 1 to {ReminderRule.MaxReminders}.");

    private static (string Name, string Value)[] Values(LanguageTexts t, InvitationContent c) =>
    [
        ("clinicName", c.ClinicName),
        ("link", c.SurveyLink.AbsoluteUri),
        ("optOutLink", c.OptOutLink.AbsoluteUri),
        ("daysLeft", c.DaysLeft.ToString(CultureInfo.InvariantCulture)),
        ("lastDay", t.Date(c.LastDay)),
        ("questions", SurveyPages.QuestionCount.ToString(t.Culture)),
    ];

    // E-mail clients drop <style> blocks and block remote content, so the styles are inline and there are no images.
    private static string Html(LanguageTexts t, InvitationContent c, string subject, string bodyKey, string deadlineKey, (string, string)[] values)
    {
        var link = Link(c.SurveyLink, c.SurveyLink.AbsoluteUri, "color:#0b4f9c;word-break:break-all");
        var optOut = Link(c.OptOutLink, c.OptOutLink.AbsoluteUri, "color:#444;word-break:break-all");
        var button = Link(c.SurveyLink, t["email.button"],
            "display:inline-block;padding:14px 24px;background:#0b4f9c;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold");
        const string p = "<p style=\"margin:0 0 16px\">";
        return $"""
            <!doctype html>
            <html lang="{Encode(t.Tag)}">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{Encode(subject)}</title>
            </head>
            <body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
            <div style="max-width:560px">
            {p}{Encode(t["email.greeting"])}</p>
            {p}{Format(t, bodyKey, values)}</p>
            {p}{button}</p>
            {p}{Format(t, "email.link", values, ("link", link))}</p>
            {p}<strong>{Format(t, deadlineKey, values)}</strong></p>
            {Call(t, c, values, p)}{p}{Format(t, "email.signoff", values)}</p>
            <hr style="border:0;border-top:1px solid #cccccc;margin:24px 0 16px" />
            <p style="margin:0 0 8px;font-size:14px;color:#444444">{Format(t, "email.optOut", values, ("optOutLink", optOut))}</p>
            <p style="margin:0;font-size:14px;color:#444444">{Format(t, "email.automated", values)}</p>
            </div>
            </body>
            </html>
            """;
    }

    /// <summary>"Questions? Call {clinic} on {phone}." with the number as a link a phone dials, when the clinic gave one.</summary>
    private static string Call(LanguageTexts t, InvitationContent c, (string, string)[] values, string p) =>
        c.ClinicPhone is { } e164 && c.Clinic.PhoneShown is { } shown
            ? $"{p}{Format(t, "clinic.call", values, ("phone", PageLayout.PhoneLink(e164, shown)))}</p>\n"
            : "";

    private static string Link(Uri href, string text, string style) =>
        $"<a href=\"{Encode(href.AbsoluteUri)}\" style=\"{style}\">{Encode(text)}</a>";
}

using System.Net;
using Outcomes.Domain.Worklist;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// One e-mail per red flag to the clinic's alert address, through the same e-mail output as invitations (the outbox
/// locally), saying only that an answer needs review and where the worklist is: no pain score, medication, patient
/// reference or contact. Each flag's alert is claimed by the queue message that raised it, so a redelivery of that
/// message (its first attempt's outputs never went) sends it again and any other message never does.
/// </summary>
internal sealed class RedFlagAlerts(IWorklistStore worklist, IClinicStore clinics, SurveyLinks links)
{
    public const string Output = "alert";

    public async Task<IReadOnlyList<object>> ClaimAsync(string clinicId, IReadOnlyList<RedFlag> flags, string messageId, CancellationToken ct)
    {
        if (flags.Count == 0 || await clinics.FindAsync(clinicId, ct) is not { AlertEmail: { } to } clinic)
            return [];   // no alert address set: the flags wait on the worklist
        var mails = new List<object>();
        foreach (var flag in flags)
            if (await worklist.ClaimAlertAsync(clinicId, flag.Id, messageId, ct))
                mails.Add(Mail(to, clinic.Name));
        return mails;
    }

    private object Mail(string to, string clinicName)
    {
        var worklistUrl = links.PublicAddressOf(StaffPages.WorklistPath).AbsoluteUri;
        const string subject = "Outcomes: an answer needs review";
        var text = $"""
            A survey answer from one of {clinicName}'s patients needs review.

            Open the worklist to see it: {worklistUrl}

            This e-mail holds no patient details; sign in to see them.
            """;
        var html = $"""
            <p>A survey answer from one of {WebUtility.HtmlEncode(clinicName)}'s patients needs review.</p>
            <p><a href="{WebUtility.HtmlEncode(worklistUrl)}">Open the worklist</a> to see it.</p>
            <p>This e-mail holds no patient details; sign in to see them.</p>
            """;
        return SendGridMail.ToStaff(to, subject, text, html);
    }
}

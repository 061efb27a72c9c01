using System.Globalization;
using System.Text.Json.Nodes;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>A procedure as clinics see it: the registration in its wire form, whether contact details are held (never the details), and each follow-up.</summary>
internal static class ProcedureView
{
    public static JsonObject Of(RegisteredProcedure procedure, IEnumerable<FollowUpRecord> followUps)
    {
        var view = procedure.Procedure();
        view["followUps"] = new JsonArray(followUps.Select(FollowUp).ToArray());
        return view;
    }

    public static JsonObject Of(RegisteredProcedure procedure, IEnumerable<ScheduledFollowUp> schedule) =>
        Of(procedure, schedule.Select(f => new FollowUpRecord(f, null, 0, null)));

    private static JsonObject Procedure(this RegisteredProcedure p)
    {
        var view = new JsonObject { ["procedureId"] = p.ProcedureId, ["registeredAt"] = p.RegisteredAt.ToString("O", CultureInfo.InvariantCulture) };
        foreach (var (name, value) in p.Registration.ToJsonWithoutContact())
            view[name] = value?.DeepClone();
        var contact = p.Registration.Contact;
        view["contact"] = new JsonObject
        {
            ["hasEmail"] = contact.Email is not null, ["hasPhone"] = contact.Phone is not null, ["language"] = contact.Language,
        };
        return view;
    }

    private static JsonNode FollowUp(FollowUpRecord f) => new JsonObject
    {
        ["timePoint"] = f.FollowUp.TimePoint.Code,
        ["due"] = Day(f.FollowUp.Due),
        ["closes"] = Day(f.FollowUp.Window.LastDay),
        ["status"] = f.FollowUp.Status.ToWire(),
        ["invitedOn"] = f.InvitedOn is { } invited ? Day(invited) : null,
        ["remindersSent"] = f.RemindersSent,
        ["answeredOn"] = f.AnsweredOn is { } answered ? Day(answered) : null,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

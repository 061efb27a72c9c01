using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A procedure as clinics see it: the registration in its wire form, whether contact details are held (never the
/// details) and whether they can be read, and each follow-up.
/// </summary>
internal static class ProcedureView
{
    public static JsonObject Of(RegisteredProcedure procedure, IEnumerable<FollowUpRecord> followUps, IReadOnlyDictionary<string, FollowUpAnswer>? answers = null)
    {
        var view = procedure.Procedure();
        view["followUps"] = new JsonArray(followUps.Select(f => FollowUp(f, answers?.GetValueOrDefault(f.FollowUp.TimePoint.Code))).ToArray());
        return view;
    }

    public static JsonObject Of(ProcedureRecord record) => Of(record.Procedure, record.FollowUps, record.Answers);

    /// <summary>A procedure as a listing shows it: each follow-up's progress, without the answers.</summary>
    public static JsonNode Listed(ProcedureRecord record)
    {
        var view = Of(record.Procedure, record.FollowUps);
        foreach (var followUp in view["followUps"]!.AsArray())
            followUp!.AsObject().Remove("answer");
        return view;
    }

    public static JsonObject Of(RegisteredProcedure procedure, IEnumerable<ScheduledFollowUp> schedule) =>
        Of(procedure, schedule.Select(f => new FollowUpRecord(f, null, 0, null)));

    private static JsonObject Procedure(this RegisteredProcedure p)
    {
        var view = new JsonObject { ["procedureId"] = p.ProcedureId, ["registeredAt"] = p.RegisteredAt.ToString("O", CultureInfo.InvariantCulture) };
        foreach (var (name, value) in JsonSerializer.SerializeToNode(ProcedureRegistrationRequest.WithoutContact(p.Registration), JsonRequest.Options)!.AsObject())
            view[name] = value?.DeepClone();
        var held = p.ContactHeld;
        var contact = new JsonObject { ["hasEmail"] = held.HasEmail, ["hasPhone"] = held.HasPhone, ["language"] = p.Registration.Contact.Language };
        contact["readable"] = held.Unreadable is null;
        if (held.Unreadable is { } unreadable)
            contact["unreadable"] = unreadable.Reason;
        view["contact"] = contact;
        return view;
    }

    private static JsonNode FollowUp(FollowUpRecord f, FollowUpAnswer? answer) => new JsonObject
    {
        ["timePoint"] = f.FollowUp.TimePoint.Code,
        ["due"] = Day(f.FollowUp.Due),
        ["closes"] = Day(f.FollowUp.Window.LastDay),
        ["status"] = f.FollowUp.Status.ToWire(),
        ["invitedOn"] = f.InvitedOn is { } invited ? Day(invited) : null,
        ["remindersSent"] = f.RemindersSent,
        ["answeredOn"] = f.AnsweredOn is { } answered ? Day(answered) : null,
        ["cancelledAsOf"] = f.CancelledAsOf is { } asOf ? Day(asOf) : null,
        ["answer"] = answer is null ? null : Answer(answer),
    };

    /// <summary>The answers, and whether they came through the patient's link or were entered by the clinic (never the link itself).</summary>
    private static JsonObject Answer(FollowUpAnswer a)
    {
        var view = JsonSerializer.SerializeToNode(SurveyAnswersRequest.From(a.Answers), JsonRequest.Options)!.AsObject();
        if (a.Answers.Opioid?.MorphineEquivalentPerDay.MilligramsPerDay is { } mme)
            view["morphineEquivalentMgPerDay"] = mme;
        view["source"] = a.Source.Kind == ActorKind.PatientLink ? "patient" : "clinic";
        view["responseId"] = a.ResponseId.ToString();
        return view;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

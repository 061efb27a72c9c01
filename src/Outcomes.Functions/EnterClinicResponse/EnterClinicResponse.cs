using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/procedures/{procedureId}/responses (clinic): answers the patient gave by phone or on paper,
/// <c>{timepoint, assessedOn, pain, medications, opioid, newFracture}</c>. <c>assessedOn</c>, the day the patient answered,
/// must lie in the time point's window and not after the clinic's today; the entry itself may come later. The answers go
/// the patient's way, sealed on <c>survey-responses</c> for <see cref="RecordSurveyResponse"/>, and the clinic gets 202.
/// Called wrapped (it has a Service Bus output), so no route filter guards it: it resolves the clinic key itself and
/// answers 401/403/404 through <c>res</c>. A follow-up already answered or cancelled is a 409: the request is well-formed,
/// the follow-up's state refuses it. One marked missed still takes an answer given inside its window (paper comes late).
/// </summary>
public static class EnterClinicResponse
{
    public const string Route = "/" + nameof(EnterClinicResponse);
    public const string TriggerName = "req";
    public const string HttpOutput = "res";
    public const string MessageOutput = "response";
    public const string TimePointField = "timepoint";
    public const string AssessedOnField = "assessedOn";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(EnterClinicResponse));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, CallerResolver callers, IClinicStore clinics, IProcedureStore procedures, ContactCipher cipher, TimeProvider clock, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        var (request, why) = HttpTriggerData.Read(invocation!.Data[TriggerName]);
        if (request is null)
            return Problems.MalformedInvocation(why!);
        if (!request.Params.TryGetValue("procedureId", out var procedureId) || string.IsNullOrWhiteSpace(procedureId))
            return Problems.MalformedInvocation("'Params' has no 'procedureId' route value.");

        var authorization = request.Header("Authorization");
        var caller = await callers.ResolveAsync(authorization, ct);
        if (caller is not Caller.Clinic clinic)
            return Respond(Refuse(caller, CallerResolver.BearerKey(authorization) is not null));
        if (clinic.OwnOrNull(await procedures.FindAsync(procedureId, ct), p => p.Procedure.ClinicId) is not { } record)
            return Respond(Reply.Problem(404, new("not-found", "No such procedure.", $"There is no procedure '{procedureId}' for this key.")));
        if (Encoding.UTF8.GetByteCount(request.RawBody) > JsonBody.MaxBytes)
            return Respond(Reply.BodyTooLarge());
        if (request.BodyIsMalformedJson)
            return Respond(Reply.Problem(400, new("malformed-json", "The body is not valid JSON.", "Send the answers as a JSON object, e.g. {\"timepoint\": \"1m\", \"assessedOn\": \"2026-03-01\", \"pain\": 3}.")));
        if (request.Body is not { ValueKind: JsonValueKind.Object } body)
            return Respond(Reply.Problem(400, request.Body is null
                ? new("missing-body", "The request body is missing.", "Send a JSON object.")
                : new("malformed-json", "The body must be a JSON object.", $"Got a JSON {request.Body.Value.ValueKind.ToString().ToLowerInvariant()}.")));

        var (timePoint, assessedOn, answers, rejections) = Read(body);
        if (answers is null)
            return Respond(Reply.Problems(400, rejections));
        var followUp = record.FollowUps.Single(f => f.FollowUp.TimePoint == timePoint);
        var now = clock.GetUtcNow();
        var clinicToday = ClinicCalendar.For((await clinics.FindAsync(clinic.ClinicId, ct))?.TimeZone).Calendar?.LocalDate(now)
            ?? throw new InvalidOperationException($"Clinic {clinic.ClinicId} has a key but no record.");
        if (WhyNot(followUp.FollowUp, assessedOn!.Value, clinicToday) is { } refusal)
            return Respond(refusal);

        var message = SurveyResponseMessage.Create(new FollowUpId(procedureId, timePoint!), assessedOn.Value, answers, clinic.Actor, now, cipher);
        return Respond(
            Reply.Json(202, new { responseId = message.ResponseId, status = "queued" }),
            new Dictionary<string, object?> { [MessageOutput] = message.ToQueueText() },
            $"Queued clinic-entered response {message.ResponseId} for {procedureId}_{timePoint!.Code}.");
    }

    /// <summary>The time point, the day answered and the answers, or every wrong field.</summary>
    private static (TimePoint? TimePoint, DateOnly? AssessedOn, SurveyAnswers? Answers, IReadOnlyList<Rejection> Problems) Read(JsonElement body)
    {
        var problems = new List<Rejection>();
        var (code, whyCode) = JsonFields.RequiredString(body, TimePointField);
        var (timePoint, whyTimePoint) = code is null ? (null, whyCode) : TimePoint.Parse(code, TimePointField);
        if (whyTimePoint is not null) problems.Add(whyTimePoint);
        var (day, whyDay) = JsonFields.RequiredString(body, AssessedOnField);
        DateOnly? assessedOn = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        if (assessedOn is null)
            problems.Add(whyDay ?? Rejection.Invalid(AssessedOnField, $"A date is written yyyy-MM-dd, like \"2026-03-01\"; got \"{(day!.Length > 40 ? day[..40] + "…" : day)}\"."));
        var (answers, whyAnswers) = SurveyAnswers.ReadAll(body);
        problems.AddRange(whyAnswers);
        return problems.Count == 0 ? (timePoint, assessedOn, answers, []) : (null, null, null, problems);
    }

    /// <summary>Why this follow-up cannot take an answer given on that day, or null when it can.</summary>
    private static HttpOutput? WhyNot(ScheduledFollowUp followUp, DateOnly assessedOn, DateOnly clinicToday) => followUp.Status switch
    {
        FollowUpStatus.Answered => Reply.Problem(409, new("already-answered", "This follow-up is already answered.",
            $"The {followUp.TimePoint.Code} follow-up has its answer; it takes one.")),
        FollowUpStatus.Cancelled => Reply.Problem(409, new("follow-up-cancelled", "This follow-up was cancelled.",
            $"The {followUp.TimePoint.Code} follow-up was cancelled (the patient died, withdrew or opted out); it takes no answers.")),
        _ when assessedOn > clinicToday => Reply.Problem(400, Rejection.Invalid(AssessedOnField,
            $"'{AssessedOnField}' is the day the patient answered, so not in the future: {Day(assessedOn)} is after the clinic's today, {Day(clinicToday)}.")),
        _ when !followUp.Window.Contains(assessedOn) => Reply.Problem(400, Rejection.Invalid(AssessedOnField,
            $"The {followUp.TimePoint.Code} follow-up takes answers given from {Day(followUp.Window.Opens)} to {Day(followUp.Window.LastDay)}; {Day(assessedOn)} is outside.")),
        _ => null,
    };

    /// <summary>As <see cref="AccessRules.RequireCaller"/> answers: no or a bad key 401 with <c>WWW-Authenticate</c>, another kind of key 403.</summary>
    private static HttpOutput Refuse(Caller? caller, bool keyPresented)
    {
        if (caller is not null)
            return Reply.Problem(403, new("forbidden", "This key may not use this route.",
                $"This route is for clinic keys; the key presented is an {(caller is Caller.Admin ? "admin" : "analyst")} key."));
        var reply = Reply.Problem(401, new("unauthenticated", "A valid API key is required.", keyPresented
            ? "The key presented is not valid: it is unknown or has been revoked."
            : "This API needs 'Authorization: Bearer <key>'."));
        return reply with
        {
            Headers = new Dictionary<string, string>(reply.Headers)
            {
                ["WWW-Authenticate"] = keyPresented ? "Bearer realm=\"outcomes\", error=\"invalid_token\"" : "Bearer realm=\"outcomes\"",
            },
        };
    }

    private static Ok<InvocationResult> Respond(HttpOutput reply, Dictionary<string, object?>? outputs = null, string? log = null) =>
        Reply.Through(HttpOutput, reply, outputs, log);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

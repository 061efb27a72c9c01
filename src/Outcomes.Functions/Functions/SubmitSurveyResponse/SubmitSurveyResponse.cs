using System.Text;
using Outcomes.Domain;
using Outcomes.Domain.Responses;
using Outcomes.Functions.Patients;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/surveys/{token}: a patient's answers, as the survey page's form post or as JSON. The host calls it wrapped
/// (it has a Service Bus output besides HTTP) and <see cref="WrappedHttpAdapter"/> brings it here: valid answers go to
/// <c>survey-responses</c>, sealed, and the patient gets 202 (the thank-you page, or JSON); bad answers get a 400 naming
/// the field (the form again, with the errors, or a problem) and queue nothing.
/// </summary>
public static class SubmitSurveyResponse
{
    public const string Route = "/api/surveys/{token}";
    public const string MessageOutput = "response";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(SubmitSurveyResponse)).RequireSameOrigin()
        .Accepts<SurveyAnswersRequest>("application/json", "application/x-www-form-urlencoded")
        .Produces<Received>(StatusCodes.Status202Accepted).Produces(StatusCodes.Status202Accepted, contentType: "text/html")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status410Gone).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    public sealed record Received(Guid ResponseId, string Status);

    internal static async Task<IResult> Handle(string token, HttpRequest request, SurveyVisits visits, PatientTexts texts, ContactCipher cipher,
        IFollowUpStore followUps, FunctionOutputs outputs, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var visit = await visits.ResolveAsync(token, now, ct);
        if (request.HasFormContentType)
            return await FormPostAsync(request, token, visit, texts, cipher, followUps, outputs, now, ct);
        if (visit is not SurveyVisit.Open open)
            return visit switch
            {
                SurveyVisit.Expired => Problems.Refused(410, new("survey-closed", "This survey has closed.", "The time to answer this survey is over.")),
                SurveyVisit.Closed => Problems.Refused(410, new("survey-closed", "This survey has closed.", "This survey no longer takes answers.")),
                SurveyVisit.AlreadyAnswered => Problems.Refused(409, new("already-received", "These answers were already received.", "This survey has been answered; thank you.")),
                _ => Problems.Refused(404, new("not-found", "There is no survey at this link.", "Check that the whole link was copied.")),
            };
        var (body, problem) = await JsonRequest.ReadAsync<SurveyAnswersRequest>(request, ct);
        if (body is null)
            return problem!;
        var (answers, rejections) = body.ToAnswers();
        if (answers is null)
            return Problems.InvalidInputs(rejections);
        var message = Queue(open, answers, token, now, cipher, followUps, outputs);
        return TypedResults.Accepted((string?)null, new Received(message.ResponseId, "received"));
    }

    /// <summary>The page's own post: every answer comes back as a page in the patient's language.</summary>
    private static async Task<IResult> FormPostAsync(HttpRequest request, string token, SurveyVisit visit, PatientTexts texts, ContactCipher cipher,
        IFollowUpStore followUps, FunctionOutputs outputs, DateTimeOffset now, CancellationToken ct)
    {
        if (visit is not SurveyVisit.Open open)
        {
            var (status, html) = SurveyPageReplies.ForClosed(visit, texts, request.Headers.AcceptLanguage);
            return SurveyPageReplies.Result(status, html);
        }
        var (bytes, problem) = await RequestBody.ReadAsync(request, ct);
        if (problem is not null)   // far more than the form's answers: the form again, as sent by its own page it could not be
            return SurveyPageReplies.Result(problem.StatusCode, SurveyPageReplies.Form(open, texts, token));
        var fields = SurveyForm.ParseUrlEncoded(Encoding.UTF8.GetString(bytes));
        var (answers, rejections) = SurveyForm.Read(fields);
        if (answers is null)
        {
            var errors = SurveyForm.ToFieldErrors(texts.For(open.Language), rejections);
            return SurveyPageReplies.Result(400, SurveyPageReplies.Form(open, texts, token, errors, SurveyForm.ToPrevious(fields)));
        }
        Queue(open, answers, token, now, cipher, followUps, outputs);
        return SurveyPageReplies.Result(202, SurveyPages.ThankYou(texts.For(open.Language), ClinicContact.Of(open.Clinic)));
    }

    /// <summary>The answers queued with the follow-up as it was read and found open, so that storing them need not read it again.</summary>
    private static SurveyResponseMessage Queue(SurveyVisit.Open open, SurveyAnswers answers, string token, DateTimeOffset now, ContactCipher cipher,
        IFollowUpStore followUps, FunctionOutputs outputs)
    {
        var message = SurveyResponseMessage.Create(open.Id, open.Calendar.LocalDate(now), answers,
            AuditActor.PatientLink(SurveyResponseMessage.ReferenceTo(token)), now, cipher, followUps.Snapshot(open.FollowUp));
        outputs.Send(MessageOutput, message.ToQueueText());
        outputs.Log($"Queued response {message.ResponseId}.");
        return message;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// PATCH /api/clinics/{clinicId} (admin, or the clinic's own key): changes the clinic's display name, alert address
/// and phone with a JSON merge patch (<see cref="ClinicSettingsPatch"/>), written only over the version read; with
/// <c>If-Match</c> only over that version (else 412), without it read again and patched again when another change came
/// first. A change is audited on the clinic (which settings, never the address or the phone) in the same write as the
/// change itself, so an acknowledged change has its entry exactly once: a retry after a reply that was lost finds the
/// change made (nothing to write) or, with <c>If-Match</c>, a 412, and either way the entry that was written with it.
/// </summary>
public static class ChangeClinicSettings
{
    public const string Route = "/api/clinics/{clinicId}";
    private const int Attempts = 3;

    public static void Map(IEndpointRouteBuilder app) => app.MapPatch(Route, Handle).WithName(nameof(ChangeClinicSettings))
        .Accepts<ClinicSettingsPatch>(ClinicSettingsPatch.MediaType).Produces<ClinicSettingsView>()
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    internal static async Task<Results<Ok<ClinicSettingsView>, ProblemHttpResult>> Handle(string clinicId, Caller caller, HttpRequest request,
        HttpResponse response, IClinicStore clinics, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnClinic.GetAsync(caller, clinics, clinicId, ct) is not { } read)
            return Problems.NotFound("clinic", clinicId);
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), ClinicSettingsPatch.MediaType, StringComparison.OrdinalIgnoreCase))
            return Problems.UnsupportedMediaType(ClinicSettingsPatch.MediaType);
        var (bytes, tooLarge) = await RequestBody.ReadAsync(request, ct);
        if (tooLarge is not null)
            return tooLarge;
        var (document, malformed) = bytes.Length == 0
            ? (null, new Rejection("missing-body", "The request body is missing.", "Send a JSON merge patch of the clinic's settings."))
            : StrictJson.Parse(bytes);
        if (document is null)
            return Problems.InvalidInput(malformed!);
        using (document)
        {
            var condition = OwnClinic.IfMatch(request, read.Version);
            if (condition == OwnClinic.Precondition.Malformed)
                return Problems.InvalidInput(Rejection.Invalid("If-Match", "If-Match is one or more quoted entity tags from the clinic's ETag, or *."));
            for (var attempt = 1; ; attempt++)
            {
                if (condition == OwnClinic.Precondition.Failed)
                    return Problems.PreconditionFailed("clinic", clinicId);
                var (patched, rejections) = ClinicSettingsPatch.Apply(document.RootElement, read.Clinic);
                if (patched is null)
                    return Problems.InvalidInputs(rejections);
                var version = patched == read.Clinic ? read.Version
                    : await clinics.TryUpdateAsync(read, patched, ClinicSettingsAudit.Changed(read.Clinic, patched, OwnClinic.ActorOf(caller), clock.GetUtcNow()), ct);
                if (version is not null)
                {
                    response.Headers.ETag = OwnClinic.EntityTag(version);
                    return TypedResults.Ok(ClinicSettingsView.Of(patched));
                }
                if (attempt == Attempts)
                    return Problems.ChangedMeanwhile("clinic", clinicId);
                if (await clinics.GetAsync(clinicId, ct) is not { } again)
                    return Problems.NotFound("clinic", clinicId);
                // With If-Match, the version the client read is gone now: its change must not land on another.
                (read, condition) = (again, condition == OwnClinic.Precondition.None ? condition : OwnClinic.Precondition.Failed);
            }
        }
    }
}

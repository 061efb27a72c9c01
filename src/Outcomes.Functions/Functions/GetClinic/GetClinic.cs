using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/clinics/{clinicId} (admin, or the clinic's own key): the clinic's settings, with their version as the
/// <c>ETag</c> a change may be made conditional on. Another clinic's id is the same 404 as one that does not exist.
/// </summary>
public static class GetClinic
{
    public const string Route = "/api/clinics/{clinicId}";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetClinic))
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<ClinicSettingsView>, ProblemHttpResult>> Handle(
        string clinicId, Caller caller, HttpResponse response, IClinicStore clinics, CancellationToken ct)
    {
        if (await OwnClinic.GetAsync(caller, clinics, clinicId, ct) is not { } read)
            return Problems.NotFound("clinic", clinicId);
        response.Headers.ETag = OwnClinic.EntityTag(read.Version);
        return TypedResults.Ok(ClinicSettingsView.Of(read.Clinic));
    }
}

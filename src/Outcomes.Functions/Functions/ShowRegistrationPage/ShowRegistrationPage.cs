using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Patients;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard/register (clinic, signed in): the form on which staff register a procedure, for clinics without a
/// system of their own; each drawing carries a new key, so that its post registers once (<see cref="RegisterProcedurePage"/>).
/// </summary>
public static class ShowRegistrationPage
{
    public const string Route = RegistrationFormHtml.Path;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(ShowRegistrationPage))
        .WithDescription("The form to register a procedure, as HTML, behind the dashboard's sign-in.").Produces(StatusCodes.Status200OK, contentType: "text/html");

    internal static async Task<IResult> Handle(Caller.Clinic caller, IClinicStore clinics, PatientTexts texts, TimeProvider clock, CancellationToken ct) =>
        DashboardReplies.Html(StatusCodes.Status200OK, RegistrationFormHtml.Page(await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct), texts.Languages,
            RegistrationFormHtml.State.New()));
}

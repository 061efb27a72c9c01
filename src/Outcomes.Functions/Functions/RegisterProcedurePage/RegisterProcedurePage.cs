using System.Text;
using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Patients;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/dashboard/register (clinic, signed in): the registration form's post. The same rules as
/// <see cref="RegisterProcedure"/> and the same service (<see cref="ProcedureRegistrations"/>), under the key the form was
/// drawn with: the form sent twice, or resent by the browser, ends at the one procedure it registered. Registered: to the
/// procedure's page (303) saying so; refused: the form again (400) with every wrong field named, and nothing stored.
/// </summary>
public static class RegisterProcedurePage
{
    public const string Route = RegistrationFormHtml.Path;

    /// <summary>Far above the longest form a person can send (25 levels, every detail, an e-mail address of 254 characters).</summary>
    private const int MaxFormBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(RegisterProcedurePage)).RequireSameOrigin()
        .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
        .WithDescription("The registration form's post; behind the dashboard's sign-in.").Produces(StatusCodes.Status303SeeOther)
        .Produces(StatusCodes.Status400BadRequest, contentType: "text/html").Produces(StatusCodes.Status413PayloadTooLarge, contentType: "text/html");

    internal static async Task<IResult> Handle(Caller.Clinic caller, HttpRequest request, IClinicStore clinics, ProcedureRegistrations registrations,
        PatientTexts texts, TimeProvider clock, CancellationToken ct)
    {
        var clinic = await clinics.FindAsync(caller.ClinicId, ct)
            ?? throw new InvalidOperationException($"Clinic {caller.ClinicId} has a key but no record.");
        var now = clock.GetUtcNow();
        var today = ClinicToday.Of(clinic, now);
        IResult Form(int status, RegistrationFormHtml.State state) => DashboardReplies.Html(status, RegistrationFormHtml.Page(today, texts.Languages, state));

        var (bytes, tooLarge) = await RequestBody.ReadAsync(request, MaxFormBytes, ct);
        if (tooLarge is not null)
            return Form(StatusCodes.Status413PayloadTooLarge, RegistrationFormHtml.State.New() with
            {
                Errors = [new(null, "The form sent was far larger than this form: fill it in again and send it from this page.")],
            });
        var fields = SurveyForm.ParseUrlEncoded(Encoding.UTF8.GetString(bytes));
        var read = RegistrationForm.Read(fields, today);
        if (read is not { Registration: { } registration, Key: { } key })
            return Form(StatusCodes.Status400BadRequest, new(read.Key ?? RegistrationForm.NewKey(), fields, read.Errors));

        return await registrations.RegisterAsync(clinic, registration, key, caller.Actor, now, ct) switch
        {
            ProcedureRegistrations.Outcome.Registered r => DashboardReplies.SeeOther($"{StaffPages.ProcedurePath(r.Procedure.ProcedureId)}?registered=1"),
            _ => Form(StatusCodes.Status400BadRequest, new(RegistrationForm.NewKey(), fields,
                [new(null, "This form was sent before with other details, and registered a procedure then.")],
                RegisteredBefore: ProcedureRegistrations.ProcedureId(caller.ClinicId, key))),
        };
    }
}

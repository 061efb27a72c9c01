using Outcomes.Functions;
using Outcomes.Storage;

// Slim: without IIS, HTTPS and HTTP/3, nor the Debug and EventSource log providers, none of which a custom handler
// called over plain HTTP on localhost uses; six assemblies fewer to load while it starts.
var builder = WebApplication.CreateSlimBuilder(args);
var hostPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
if (hostPort is { Length: > 0 })
    builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort}");
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemShape.Complete);
builder.Services.AddExceptionHandler<StorageUnavailable>();
// Markup in a value a client sent (quoted in a problem's detail) goes out escaped, as \u003C, never as '<'.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, HealthJson.Default);
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OutcomesMetrics>();
builder.AddOutcomesTelemetry();
builder.Services.AddOutcomesStorage(builder.Configuration);
builder.Services.AddOutcomesDeadLetters(builder.Configuration);
builder.Services.AddOutcomesAccess();
builder.Services.AddOutcomesOpenApi();
builder.Services.AddSingleton<SurveyLinks>();
builder.Services.AddSingleton<FollowUpChanges>();
builder.Services.AddSingleton<FollowUpRound>();
builder.Services.AddSingleton<SurveyMessageHandOut>();
builder.Services.AddSingleton<OutcomeCounting>();
builder.Services.AddSingleton<PatientSurveysStop>();
builder.Services.AddSingleton<SurveyOptOuts>();
builder.Services.AddSingleton<ProcedureRegistrations>();
builder.Services.AddSingleton<SurveyVisits>();
builder.Services.AddSingleton<ClinicWorklist>();
builder.Services.AddSingleton<RedFlagAlerts>();
builder.Services.AddSingleton<ClinicAnswerEntry>();
builder.Services.AddSingleton<PatientEventRecording>();
builder.Services.AddScoped<FunctionOutputs>();
builder.Services.AddSingleton(_ => WrappedHttpFunctions.Load(AppContext.BaseDirectory));
builder.Services.AddSingleton(_ => Outcomes.Functions.Patients.PatientTexts.LoadDefault());
builder.Services.AddSingleton(_ => GetBenchmarks.LoadCatalog(Path.Combine(AppContext.BaseDirectory, "Benchmarks", "published-outcomes.json")));

var app = builder.Build();
if (hostPort is { Length: > 0 })
    _ = StorageWarmUp.Start(app.Services);   // started by the Functions host: its health check comes first
app.UseResponseDefaults();
app.UseExceptionHandler();
app.UseMiddleware<WrappedHttpAdapter>();
app.UseExceptionHandler();   // again inside a wrapped call, so its failure reaches the user as the wrapped response (503 when storage is away)
app.UseStatusCodePages();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

// Anyone (the host's invocations, patients' links, the health probe, the sign-in form): each checks what it is given.
Health.Map(app);
OpenApiDocument.Map(app);
SendFollowUpSurveys.Map(app);
RecordSurveyResponse.Map(app);
DeliverSurveyInvitation.Map(app);
ShowSurvey.Map(app);
SubmitSurveyResponse.Map(app);
OptOutOfSurveys.Map(app);
ReceiveSmsReply.Map(app);
DashboardSignIn.Map(app);
DashboardSignOut.Map(app);

var admin = app.MapGroup("").RequireCaller(CallerKinds.Admin);
CreateClinic.Map(admin);
IssueClinicKey.Map(admin);
RevokeClinicKey.Map(admin);
IssueAnalystKey.Map(admin);
ListDeadLetters.Map(admin);
ReplayDeadLetter.Map(admin);

var clinic = app.MapGroup("").RequireCaller(CallerKinds.Clinic);
RegisterProcedure.Map(clinic);
ListProcedures.Map(clinic);
GetWorklist.Map(clinic);
MarkWorklistItemHandled.Map(clinic);
GetProcedure.Map(clinic);
GetProcedureAudit.Map(clinic);
EraseProcedureContact.Map(clinic);
ClearContactOptOut.Map(clinic);
RecordPatientEvent.Map(clinic);
EnterClinicResponse.Map(clinic);
ShowWorklistPage.Map(clinic);
HandleWorklistItemPage.Map(clinic);
ShowProcedurePage.Map(clinic);
FindPatientPage.Map(clinic);
EnterAnswerPage.Map(clinic);
ShowRegistrationPage.Map(clinic);
RegisterProcedurePage.Map(clinic);
RecordEventPage.Map(clinic);

var clinicSettings = app.MapGroup("").RequireCaller(CallerKinds.Admin | CallerKinds.Clinic);
GetClinic.Map(clinicSettings);
ChangeClinicSettings.Map(clinicSettings);

var readers = app.MapGroup("").RequireCaller(CallerKinds.Clinic | CallerKinds.Analyst);
GetBenchmarks.Map(readers);
GetOutcomeReport.Map(readers);
GetDashboard.Map(readers);

app.Run();

public partial class Program;

using Outcomes.Functions;
using Outcomes.Storage;

var builder = WebApplication.CreateBuilder(args);
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemShape.Complete);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOutcomesStorage(builder.Configuration);
builder.Services.AddOutcomesAccess();
builder.Services.AddOutcomesOpenApi();
builder.Services.AddSingleton<SurveyLinks>();
builder.Services.AddSingleton<FollowUpRound>();
builder.Services.AddSingleton<OutcomeCounting>();
builder.Services.AddSingleton<PatientSurveysStop>();
builder.Services.AddSingleton<SurveyVisits>();
builder.Services.AddScoped<FunctionOutputs>();
builder.Services.AddSingleton(_ => WrappedHttpFunctions.Load(AppContext.BaseDirectory));
builder.Services.AddSingleton(_ => Outcomes.Functions.Patients.PatientTexts.LoadDefault());
builder.Services.AddSingleton(GetBenchmarks.LoadCatalog(Path.Combine(AppContext.BaseDirectory, "Benchmarks", "published-outcomes.json")));

var app = builder.Build();
app.UseResponseDefaults();
app.UseExceptionHandler();
app.UseMiddleware<WrappedHttpAdapter>();
app.UseStatusCodePages();
app.UseRouting();

Health.Map(app);
SendFollowUpSurveys.Map(app);
SubmitSurveyResponse.Map(app);
RecordSurveyResponse.Map(app);
OpenApiDocument.Map(app);
CreateClinic.Map(app);
IssueClinicKey.Map(app);
RevokeClinicKey.Map(app);
IssueAnalystKey.Map(app);
RegisterProcedure.Map(app);
GetProcedure.Map(app);
GetProcedureAudit.Map(app);
EraseProcedureContact.Map(app);
RecordPatientEvent.Map(app);
EnterClinicResponse.Map(app);
ReceiveSmsReply.Map(app);
DeliverSurveyInvitation.Map(app);
ShowSurvey.Map(app);
OptOutOfSurveys.Map(app);
GetBenchmarks.Map(app);
GetOutcomeReport.Map(app);
GetDashboard.Map(app);
DashboardSignIn.Map(app);
DashboardSignOut.Map(app);

app.Run();

public partial class Program;

using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>The kinds of bearer key a door lets in.</summary>
[Flags]
internal enum Keys
{
    None = 0,
    Admin = 1,
    Clinic = 2,
    Analyst = 4,
}

/// <summary>
/// What the suite made through the API before attacking: real ids and keys, so that hostile inputs get past the doors'
/// first checks (a key, a procedure of the caller's clinic, a genuine survey link) to the validation behind them.
/// </summary>
public sealed record HostileWorld(
    string ClinicId, string ClinicKey, string ClinicKeyId, string OtherClinicId, string OtherClinicKey, string AnalystKey,
    string RevokedKey, DateOnly Today, string ProcedureId, IReadOnlyList<OpenSurvey> Surveys)
{
    public const string AdminKey = LocalHostProcess.AdminKey;

    /// <summary>
    /// How many open survey links a batch spreads its requests over: the survey door checks the link before the
    /// answers, so an input a defect lets through closes its link to every later request of the batch, and would
    /// hide what those requests test. Spread, it closes one link in this many.
    /// </summary>
    public const int OpenSurveys = 6;

    public string SurveyToken => Surveys[0].Token;

    /// <summary>The JSON doors whose valid template the app refused when the world was made (<see cref="JsonTemplates.ProveAcceptedAsync"/>).</summary>
    public IReadOnlyList<string> TemplatesRefused { get; init; } = [];

    /// <summary>The real value for a route parameter, by its name (the <paramref name="turn"/>-th open survey link for a token); anything the suite does not know gets a plain one.</summary>
    public string ValueOf(string parameter, int turn = 0) => parameter.ToLowerInvariant() switch
    {
        "procedureid" => ProcedureId,
        "clinicid" => ClinicId,
        "keyid" => ClinicKeyId,
        "token" => Surveys[turn % Surveys.Count].Token,
        "queue" => "survey-responses",   // a real queue, so that a replay's message id is attacked past the queue check
        _ => "hostile-plain-value",
    };

    internal string KeyFor(Keys kinds) =>
        kinds.HasFlag(Keys.Clinic) ? ClinicKey : kinds.HasFlag(Keys.Analyst) ? AnalystKey : AdminKey;

    /// <summary>Valid keys that the door does not let in.</summary>
    internal IEnumerable<(string Kind, string Key)> KeysOtherThan(Keys kinds)
    {
        if (!kinds.HasFlag(Keys.Admin)) yield return ("admin key", AdminKey);
        if (!kinds.HasFlag(Keys.Clinic)) yield return ("clinic key", ClinicKey);
        if (!kinds.HasFlag(Keys.Analyst)) yield return ("analyst key", AnalystKey);
    }

    internal static async Task<HostileWorld> CreateAsync(HostileHost app)
    {
        var host = app.Host;
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Hostile Spine Centre");
        var other = await TestClinic.CreateInDaytimeAsync(host, "Hostile Other Centre");
        var analyst = await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", AdminKey, null, HttpStatusCode.Created);
        var doorKey = await app.SendAsync(HttpMethod.Post, $"/api/clinics/{clinic.ClinicId}/keys", AdminKey, null, HttpStatusCode.Created);
        var revoked = await app.SendAsync(HttpMethod.Post, $"/api/clinics/{clinic.ClinicId}/keys", AdminKey, null, HttpStatusCode.Created);
        await app.SendAsync(HttpMethod.Delete, $"/api/clinics/{clinic.ClinicId}/keys/{revoked["keyId"]}", AdminKey, null, HttpStatusCode.NoContent);

        var world = new HostileWorld(clinic.ClinicId, clinic.ApiKey, doorKey["keyId"]!.GetValue<string>(), other.ClinicId, other.ApiKey,
            analyst["apiKey"]!.GetValue<string>(), revoked["apiKey"]!.GetValue<string>(), clinic.Today, "", []);
        var invited = await world.InvitedProceduresAsync(app, OpenSurveys + 1);
        world = await (world with { Surveys = invited.Take(OpenSurveys).ToList() }).FreshenAsync(app);
        return world with { TemplatesRefused = await JsonTemplates.ProveAcceptedAsync(app, world, invited[^1].Token) };
    }

    /// <summary>
    /// This world with an open survey link and an open procedure behind the doors: when a defect let an earlier batch's
    /// input through (an answer taken, the patient's surveys stopped), the next batch must not find only its echoes.
    /// </summary>
    internal async Task<HostileWorld> FreshenAsync(HostileHost app)
    {
        var world = this;
        if (!await IsOpenAsync(app, ProcedureId))
            world = world with { ProcedureId = await Clinic.RegisterAsync(app.Host, Reference("HOSTILE-DOOR"), Today.AddDays(-7), Reference("hostile-door") + "@example.org") };
        var open = new List<OpenSurvey>();
        foreach (var survey in Surveys)
            if (await IsOpenAsync(app, survey.ProcedureId))
                open.Add(survey);
        if (open.Count < OpenSurveys)
            world = world with { Surveys = [.. open, .. await world.InvitedProceduresAsync(app, OpenSurveys - open.Count)] };
        return world;
    }

    private TestClinic Clinic => new(ClinicId, ClinicKey, "", Today);

    /// <summary>Procedures whose one-week survey is due, invited by one timer run: their ids and the tokens of their links.</summary>
    private async Task<IReadOnlyList<OpenSurvey>> InvitedProceduresAsync(HostileHost app, int count)
    {
        var registered = new List<(string ProcedureId, string Email)>();
        for (var i = 0; i < count; i++)
        {
            var email = Reference("hostile-link") + "@example.org";
            registered.Add((await Clinic.RegisterAsync(app.Host, Reference("HOSTILE-LINK"), Today.AddDays(-7), email), email));
        }
        await app.RunTimerAsync();
        var mails = await Storage.EventuallyAsync(() => Task.FromResult(registered.Select(r => app.Host.Mails(r.Email)).ToList()),
            m => m.All(x => x.Count == 1), HostileHost.WaitLimit, $"the invitations of {count} new procedures");
        return registered.Zip(mails, (r, m) => new OpenSurvey(r.ProcedureId, TokenOf(m[0].SurveyLink))).ToList();
    }

    private async Task<bool> IsOpenAsync(HostileHost app, string procedureId)
    {
        if (procedureId.Length == 0)
            return false;
        var procedure = await app.SendAsync(HttpMethod.Get, $"/api/procedures/{procedureId}", ClinicKey, null, HttpStatusCode.OK);
        var status = procedure["followUps"]!.AsArray().Single(f => f!["timePoint"]!.GetValue<string>() == "1w")!["status"]!.GetValue<string>();
        return status is "pending" or "invited" or "reminded";
    }

    private static string Reference(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string TokenOf(Uri link) => link.AbsolutePath["/api/surveys/".Length..];
}

/// <summary>A procedure whose one-week survey is open, and the token of its link.</summary>
public sealed record OpenSurvey(string ProcedureId, string Token);

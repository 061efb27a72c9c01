using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Surveys;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>What a survey link leads to right now.</summary>
internal abstract record SurveyVisit
{
    private SurveyVisit() { }

    /// <summary>Tampered, signed with a key no longer known, or naming nothing: one 404 for all, so a guess learns nothing.</summary>
    public sealed record NotFound : SurveyVisit;
    public sealed record Expired(string? Language, Clinic? Clinic) : SurveyVisit;
    /// <summary>Cancelled (the patient opted out, withdrew), or today outside its window: no answer is taken.</summary>
    public sealed record Closed(string Language, Clinic Clinic) : SurveyVisit;
    public sealed record AlreadyAnswered(string Language, Clinic Clinic) : SurveyVisit;
    public sealed record Open(FollowUpId Id, TrackedFollowUp FollowUp, ProcedureRecord Procedure, Clinic Clinic, ClinicCalendar Calendar) : SurveyVisit
    {
        public string Language => Procedure.Procedure.Registration.Contact.Language;
    }
}

/// <summary>Follows a survey link: checks its token, then where the follow-up it names stands.</summary>
internal sealed class SurveyVisits(SurveyLinks links, IFollowUpStore followUps, IProcedureStore procedures, IClinicStore clinics)
{
    public async Task<SurveyVisit> ResolveAsync(string? token, DateTimeOffset now, CancellationToken ct)
    {
        switch (links.Verify(token, now))
        {
            case SurveyTokenCheck.Expired expired:
                var old = FollowUpId.TryParse(expired.FollowUpId, out var oldId) ? await procedures.FindAsync(oldId.ProcedureId, ct) : null;
                return new SurveyVisit.Expired(old?.Procedure.Registration.Contact.Language,
                    old is null ? null : await clinics.FindAsync(old.Procedure.ClinicId, ct));
            case SurveyTokenCheck.Valid valid when FollowUpId.TryParse(valid.FollowUpId, out var id):
                if (await followUps.GetAsync(id, ct) is not { } followUp || await procedures.FindAsync(id.ProcedureId, ct) is not { } procedure
                    || await clinics.FindAsync(procedure.Procedure.ClinicId, ct) is not { } clinic
                    || ClinicCalendar.For(clinic.TimeZone).Calendar is not { } calendar)
                    return new SurveyVisit.NotFound();
                var language = procedure.Procedure.Registration.Contact.Language;
                var today = calendar.LocalDate(now);
                return followUp.Record.WhyNotAnswerable(today, today, AnswerGiven.Now) switch
                {
                    null => new SurveyVisit.Open(id, followUp, procedure, clinic, calendar),
                    AnswerRefusal.AlreadyAnswered => new SurveyVisit.AlreadyAnswered(language, clinic),
                    _ => new SurveyVisit.Closed(language, clinic),
                };
            default:
                return new SurveyVisit.NotFound();
        }
    }

    /// <summary>The procedure a genuine link belongs to, expired or not; null for a tampered or unknown one.</summary>
    public async Task<ProcedureRecord?> PatientOfAsync(string? token, DateTimeOffset now, CancellationToken ct)
    {
        var followUpId = links.Verify(token, now) switch
        {
            SurveyTokenCheck.Valid valid => valid.FollowUpId,
            SurveyTokenCheck.Expired expired => expired.FollowUpId,
            _ => null,
        };
        return FollowUpId.TryParse(followUpId, out var id) ? await procedures.FindAsync(id.ProcedureId, ct) : null;
    }
}

namespace Outcomes.Domain.Surveys;

/// <summary>What checking a survey token found. The survey page answers Tampered and UnknownKey with 404, Expired with 410.</summary>
public abstract record SurveyTokenCheck
{
    private SurveyTokenCheck() { }

    public static readonly SurveyTokenCheck Tampered = new NotGenuine();
    public static readonly SurveyTokenCheck UnknownKey = new KeyNotKnown();

    public sealed record Valid(string FollowUpId, DateTimeOffset ExpiresAt) : SurveyTokenCheck;
    /// <summary>Genuine, but its survey has closed.</summary>
    public sealed record Expired(string FollowUpId, DateTimeOffset ExpiredAt) : SurveyTokenCheck;
    /// <summary>Not a token we issued: malformed, altered, or signed with another key.</summary>
    public sealed record NotGenuine : SurveyTokenCheck;
    /// <summary>Well-formed, but names a key this keyring does not hold (retired, or never ours).</summary>
    public sealed record KeyNotKnown : SurveyTokenCheck;
}

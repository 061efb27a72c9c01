using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Surveys;

namespace Outcomes.Functions;

/// <summary>
/// The patients' survey links: <c>{PublicBaseUrl}/api/surveys/{token}</c>, the token signed with the current key of
/// <c>Outcomes:SurveyTokenKeys</c> (<c>id:base64;older-id:base64</c>, the first one current; older keys still verify).
/// </summary>
public sealed class SurveyLinks
{
    public const string KeysSetting = "Outcomes:SurveyTokenKeys";
    public const string PublicBaseUrlSetting = "Outcomes:PublicBaseUrl";

    private readonly SurveyTokenIssuer issuer;
    private readonly Uri baseUrl;

    public SurveyLinks(IConfiguration configuration)
    {
        issuer = new SurveyTokenIssuer(Keyring(configuration[KeysSetting]));
        var configured = configuration[PublicBaseUrlSetting];
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"Set {PublicBaseUrlSetting} to the address patients reach the app at, e.g. https://outcomes.example.org.");
        baseUrl = new Uri(url.AbsoluteUri.TrimEnd('/') + "/");
    }

    /// <summary>The app's public address of <paramref name="path"/> ("api/dashboard/worklist"), for links in messages.</summary>
    public Uri PublicAddressOf(string path) => new(baseUrl, path.TrimStart('/'));

    /// <summary>A compact token: its link fits a text message in fewer segments. Tokens of the longer form already sent still verify.</summary>
    public string Issue(FollowUpId followUp, DateTimeOffset expiresAt) => issuer.IssueCompact(followUp.Value, expiresAt);

    public SurveyTokenCheck Verify(string? token, DateTimeOffset now) => issuer.Verify(token, now);

    public Uri SurveyLink(string token) => new(baseUrl, $"api/surveys/{token}");

    public Uri OptOutLink(string token) => new(baseUrl, $"api/surveys/{token}/opt-out");

    private static SurveyTokenKeyring Keyring(string? configured)
    {
        var keys = (configured ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
        {
            var colon = entry.IndexOf(':');
            try
            {
                return new SurveyTokenKey(entry[..Math.Max(colon, 0)], Convert.FromBase64String(entry[(colon + 1)..]));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException($"{KeysSetting}: each key is 'id:base64' of at least {SurveyTokenKey.MinSecretBytes} random bytes.", e);
            }
        }).ToList();
        if (keys.Count == 0)
            throw new InvalidOperationException($"Set {KeysSetting} (id:base64 of 32 random bytes) so survey links can be signed.");
        return new SurveyTokenKeyring(keys[0], keys.Skip(1));
    }
}

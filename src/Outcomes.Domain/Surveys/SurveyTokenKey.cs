namespace Outcomes.Domain.Surveys;

/// <summary>A named HMAC-SHA256 key for survey tokens. The id travels in every token so keys can rotate.</summary>
public sealed class SurveyTokenKey
{
    public const int MinSecretBytes = 32;
    public const int MaxIdLength = 16;

    public SurveyTokenKey(string id, byte[] secret)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"A key id is 1–{MaxIdLength} characters of A–Z, a–z, 0–9, '-' or '_'.", nameof(id));
        if (secret.Length < MinSecretBytes)
            throw new ArgumentException($"A survey token key needs at least {MinSecretBytes} random bytes.", nameof(secret));
        (Id, Secret) = (id, secret.ToArray());
    }

    public string Id { get; }

    internal byte[] Secret { get; }
}

namespace Outcomes.Domain.Surveys;

/// <summary>
/// The keys survey tokens are signed and checked with: one current key signs, older keys still verify the
/// links already sent. Drop an old key once every token it signed has expired.
/// </summary>
public sealed class SurveyTokenKeyring
{
    private readonly Dictionary<string, SurveyTokenKey> _byId;

    public SurveyTokenKeyring(SurveyTokenKey current, params IEnumerable<SurveyTokenKey> older)
    {
        Current = current;
        _byId = new(StringComparer.Ordinal) { [current.Id] = current };
        foreach (var key in older)
            if (!_byId.TryAdd(key.Id, key))
                throw new ArgumentException($"Key id '{key.Id}' appears twice in the keyring.", nameof(older));
    }

    public SurveyTokenKey Current { get; }

    public SurveyTokenKey? Find(string keyId) => _byId.GetValueOrDefault(keyId);
}

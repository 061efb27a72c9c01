using System.Security.Cryptography;
using System.Text;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Turns the bearer key a request presents into a <see cref="Caller"/>: the admin key from configuration, or an
/// active clinic or analyst key from <see cref="IAccessKeyStore"/>. Keys are never logged, stored or echoed.
/// </summary>
internal sealed class CallerResolver(IConfiguration configuration, IAccessKeyStore keys)
{
    /// <summary>The admin key's setting (environment: <c>Outcomes__AdminKey</c>). Unset, admin routes answer 401.</summary>
    public const string AdminKeySetting = "Outcomes:AdminKey";

    private const int MaxKeyLength = 512;

    public bool AdminConfigured => !string.IsNullOrWhiteSpace(configuration[AdminKeySetting]);

    /// <summary>The key after <c>Bearer </c> in the one Authorization header, or null when there is none.</summary>
    public static string? BearerKey(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return null;
        var key = value["Bearer ".Length..].Trim();
        return key.Length is > 0 and <= MaxKeyLength ? key : null;
    }

    /// <summary>
    /// The caller holding a key (from the Authorization header, or the dashboard's sign-in form), or null when it is
    /// unknown or revoked. Keys are printable ASCII: anything else is no key, and never reaches the store.
    /// </summary>
    public async Task<Caller?> ResolveKeyAsync(string? presented, CancellationToken ct)
    {
        if (presented?.Trim() is not { Length: > 0 and <= MaxKeyLength } key || key.Any(c => c is < '!' or > '~'))
            return null;
        if (IsAdminKey(key))
            return Caller.Admin.Instance;
        return await keys.FindByPresentedKeyAsync(key, ct) switch
        {
            { IsRevoked: true } or null => null,
            { Role: AccessRole.Clinic, ClinicId: { } clinicId } k => new Caller.Clinic(clinicId, k.KeyId),
            { Role: AccessRole.Analyst } k => new Caller.Analyst(k.KeyId),
            _ => null,
        };
    }

    /// <summary>Compares hashes of equal length in constant time, so timing says nothing about the admin key.</summary>
    private bool IsAdminKey(string presented) =>
        configuration[AdminKeySetting] is { } admin && !string.IsNullOrWhiteSpace(admin)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(admin)));
}

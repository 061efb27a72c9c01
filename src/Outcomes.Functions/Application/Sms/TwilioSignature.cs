using System.Security.Cryptography;
using System.Text;

namespace Outcomes.Functions;

/// <summary>
/// Twilio's webhook signature, <c>X-Twilio-Signature</c>, as Twilio documents it ("Security: validating requests"): the
/// full URL Twilio called, then each POST parameter's name and value with no separators, sorted by name (ordinal);
/// HMAC-SHA1 of that UTF-8 string under the account's auth token; base64. Like Twilio's own helper libraries it accepts
/// the URL with or without its scheme's default port (Twilio signs some requests one way, some the other).
/// </summary>
internal static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            signed.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(signed.ToString())));
    }

    public static bool IsValid(string authToken, string url, IReadOnlyList<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
            return false;
        var presented = Encoding.ASCII.GetBytes(signature);
        var valid = false;
        foreach (var spelling in PortSpellings(url))   // no early exit: the time taken does not tell which spelling matched
            valid |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(authToken, spelling, parameters)), presented);
        return valid;
    }

    /// <summary>The URL as given, and the same URL with its scheme's default port written out, or left out if it was written.</summary>
    internal static IEnumerable<string> PortSpellings(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsDefaultPort || uri.Port < 0)
            yield break;
        var hostStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var hostEnd = url.IndexOfAny(['/', '?', '#'], hostStart) is var end and >= 0 ? end : url.Length;
        var port = $":{uri.Port}";
        yield return url[hostStart..hostEnd].EndsWith(port, StringComparison.Ordinal)
            ? url.Remove(hostEnd - port.Length, port.Length)
            : url.Insert(hostEnd, port);
    }
}

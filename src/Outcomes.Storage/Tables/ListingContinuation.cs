using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Where a listing's next page begins, as the opaque token a client sends back: which index it runs through
/// (<c>a</c>: every procedure, <c>f</c>: follow-ups by status), which status and time point it had reached, and the last
/// RowKey listed. Only a position within the caller's own clinic: a forged one can only skip rows of that clinic.
/// </summary>
internal sealed record ListingContinuation(char Index, int Step, string After)
{
    public const char AllProcedures = 'a';
    public const char FollowUps = 'f';

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Index}{Step.ToString(CultureInfo.InvariantCulture)}.{After}"));

    public static ListingContinuation Parse(string token, char index, int steps)
    {
        string text;
        try
        {
            text = token.Length is > 0 and <= 512 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token))
                : throw new FormatException();
        }
        catch (FormatException)
        {
            throw Invalid();
        }
        var dot = text.IndexOf('.');
        if (text.Length < 3 || text[0] != index || dot < 2
            || !int.TryParse(text.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step >= steps
            || text[(dot + 1)..] is var after && !TableKeys.IsSafe(after))
            throw Invalid();
        return new ListingContinuation(index, step, after);
    }

    private static InvalidContinuationException Invalid() =>
        new("The continuation token is not one this listing gave, or was given for other filters: start again without it.");
}

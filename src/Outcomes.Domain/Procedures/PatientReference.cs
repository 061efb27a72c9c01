namespace Outcomes.Domain.Procedures;

/// <summary>
/// The clinic's pseudonymous reference for a patient. It is stored in clear and shown to analysts, so it must not be
/// a direct identifier: anything with an '@', or made only of phone-number characters with seven or more digits, is
/// refused. (That also refuses bare numeric hospital numbers, which identify a patient as well as a phone does.)
/// </summary>
public static class PatientReference
{
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="value"/> (trimmed) cannot be a patient reference, or null when it can.</summary>
    public static string? WhyNot(string value) => value switch
    {
        { Length: 0 } => "A patient reference must not be empty.",
        { Length: > MaxLength } => $"A patient reference has at most {MaxLength} characters.",
        _ when value.Contains('@') => "This looks like an e-mail address; use the clinic's pseudonymous reference, like \"VP-2026-0042\".",
        _ when LooksLikePhone(value) => "This looks like a phone number; use the clinic's pseudonymous reference, like \"VP-2026-0042\".",
        _ when !SingleLineText.IsClean(value) => "A patient reference must not contain control characters or line breaks.",
        _ => null,
    };

    private static bool LooksLikePhone(string value) =>
        value.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.' or '/')
        && value.Count(char.IsAsciiDigit) >= 7;
}

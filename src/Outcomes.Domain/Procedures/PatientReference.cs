using System.Text.Json;
using Outcomes.Domain.Json;

namespace Outcomes.Domain.Procedures;

/// <summary>
/// The clinic's pseudonymous reference for a patient. It is stored in clear and shown to analysts, so it must not be
/// a direct identifier: anything with an '@', or made only of phone-number characters with seven or more digits, is
/// refused. (That also refuses bare numeric hospital numbers, which identify a patient as well as a phone does.)
/// </summary>
internal static class PatientReference
{
    public static string? Read(JsonFields fields, JsonElement body)
    {
        if (fields.String(body, "patientRef", "", true) is not { } text) return null;
        var value = text.Trim();
        var why = value switch
        {
            { Length: 0 } => "A patient reference must not be empty.",
            { Length: > ProcedureRegistration.MaxPatientRefLength } => $"A patient reference has at most {ProcedureRegistration.MaxPatientRefLength} characters.",
            _ when value.Contains('@') => "This looks like an e-mail address; use the clinic's pseudonymous reference, like \"VP-2026-0042\".",
            _ when LooksLikePhone(value) => "This looks like a phone number; use the clinic's pseudonymous reference, like \"VP-2026-0042\".",
            _ when !SingleLineText.IsClean(value) => "A patient reference must not contain control characters or line breaks.",
            _ => null,
        };
        if (why is null) return value;
        fields.Add(Rejection.Invalid("patientRef", why));
        return null;
    }

    private static bool LooksLikePhone(string value) =>
        value.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.' or '/')
        && value.Count(char.IsAsciiDigit) >= 7;
}

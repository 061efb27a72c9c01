namespace Outcomes.Domain;

/// <summary>Why a rule refused an input: a stable code, a short title and a detail a person can act on.</summary>
public sealed record Rejection(string Code, string Title, string Detail, string? Field = null)
{
    public static Rejection Missing(string field) => new(
        "missing-field", $"'{field}' is required.", $"The request has no '{field}'.", field);

    public static Rejection Invalid(string field, string detail) => new(
        "invalid-field", $"'{field}' is not valid.", detail, field);

    /// <summary>At most 64 characters of something the caller sent, so a rejection never echoes a whole large value back.</summary>
    public static string Excerpt(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

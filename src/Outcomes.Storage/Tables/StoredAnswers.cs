using System.Text.Json;
using System.Text.Json.Serialization;
using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;

namespace Outcomes.Storage.Tables;

/// <summary>
/// The answers as a response row keeps them: storage's own record, read back by mapping its codes, not by the public
/// API's validator (what was valid when stored stays readable if the API's rules change). Its JSON is the form rows
/// have always had: pain, the medications' and opioid's codes, the daily dose, the new-fracture answer.
/// </summary>
internal sealed record StoredAnswers(
    [property: JsonPropertyName("pain")] int Pain,
    [property: JsonPropertyName("medications")] IReadOnlyList<string>? Medications,
    [property: JsonPropertyName("opioid")] StoredAnswers.OpioidPart? Opioid,
    [property: JsonPropertyName("newFracture")] string? NewFracture)
{
    internal sealed record OpioidPart([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("dailyDose")] decimal DailyDose);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Write(SurveyAnswers answers) => JsonSerializer.Serialize(new StoredAnswers(
        answers.Pain.Value,
        answers.Medications?.Select(m => m.ToWire()).ToList(),
        answers.Opioid is { } o ? new OpioidPart(o.Opioid.ToWire(), o.DailyDose) : null,
        answers.NewFracture?.ToWire()), Json);

    /// <exception cref="InvalidDataException">The row holds something no version of Outcomes wrote.</exception>
    public static SurveyAnswers Read(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredAnswers>(json, Json) ?? throw new InvalidDataException("The stored answers are empty.");
        return new SurveyAnswers(
            PainScore.From(stored.Pain),
            stored.Medications?.Select(code => Code(MedicationCodes.Wire, code)).ToList(),
            stored.Opioid is { } o ? new OpioidDose(Code(OpioidCodes.Wire, o.Name), o.DailyDose) : null,
            stored.NewFracture is { } f ? Code(NewFractureAnswerCodes.Wire, f) : null);
    }

    private static T Code<T>(WireCodes<T> codes, string code) where T : struct, Enum =>
        codes.TryParse(code, out var value) ? value : throw new InvalidDataException($"'{code}' is not a stored {codes.Describes} code.");
}

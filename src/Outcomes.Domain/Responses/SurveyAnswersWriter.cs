using System.Text.Json.Nodes;
using Outcomes.Domain.Medications;

namespace Outcomes.Domain.Responses;

/// <summary>Writes answers back in the wire form <see cref="SurveyAnswers.Read"/> reads, so a stored answer reads back the same.</summary>
public static class SurveyAnswersWriter
{
    public static JsonObject ToJson(this SurveyAnswers answers)
    {
        var json = new JsonObject { [SurveyAnswers.PainField] = answers.Pain.Value };
        if (answers.Medications is { } medications)
            json[SurveyAnswers.MedicationsField] = new JsonArray(medications.Select(m => (JsonNode)m.ToWire()).ToArray());
        if (answers.Opioid is { } opioid)
            json[SurveyAnswers.OpioidField] = new JsonObject { ["name"] = opioid.Opioid.ToWire(), ["dailyDose"] = opioid.DailyDose };
        if (answers.NewFracture is { } newFracture)
            json[SurveyAnswers.NewFractureField] = newFracture.ToWire();
        return json;
    }
}

using System.Text.Json.Serialization;

namespace Outcomes.Domain.Surveys;

/// <summary>What a survey token says, with one-letter names to keep links short.</summary>
internal sealed record Payload(
    [property: JsonPropertyName("k")] string KeyId,
    [property: JsonPropertyName("f")] string FollowUpId,
    [property: JsonPropertyName("e")] long ExpiresAtUnix);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(Payload))]
internal sealed partial class PayloadJson : JsonSerializerContext;

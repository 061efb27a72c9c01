using System.Text.Json;

namespace Outcomes.LocalHost.Demo;

/// <summary>
/// What the demo remembers in the data folder (<c>demo.json</c>, beside Azurite's data): the instant its cohort is dated
/// from, so that a second run generates the same registrations, and the keys it was given, which the API shows only once.
/// </summary>
internal sealed record DemoState(DateTimeOffset AsOf, List<DemoState.Clinic> Clinics, string? AnalystKey)
{
    public const string FileName = "demo.json";

    public sealed record Clinic(string Name, string ClinicId, string ApiKey);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static DemoState? Load(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<DemoState>(File.ReadAllText(path), Json) : null;
    }

    public void Save(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}

namespace Outcomes.Storage;

/// <summary>
/// The web stack's own key ring (ASP.NET Core Data Protection: it seals the dashboard's sign-in cookie), kept in the
/// app's storage so that every instance of a scaled-out app reads the same keys. Elements are the framework's XML,
/// stored as given, each under a name the framework chooses; the keys inside are themselves encrypted or not, as the
/// framework is configured.
/// </summary>
public interface ISecretKeyRing
{
    IReadOnlyList<string> ReadAll();

    void Store(string name, string xml);
}

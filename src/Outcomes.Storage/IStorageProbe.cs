namespace Outcomes.Storage;

/// <summary>Answers whether the storage behind the stores can be reached right now.</summary>
public interface IStorageProbe
{
    /// <returns>Null when reachable, otherwise why not (no connection details in it).</returns>
    Task<string?> WhyUnreachableAsync(CancellationToken ct);
}

using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>The key ring in table <c>SecretKeyRing</c>, one row per element in one partition. Synchronous, as the framework calls it.</summary>
internal sealed class TableSecretKeyRing(OutcomesTables tables) : ISecretKeyRing
{
    private const string Partition = "data-protection";
    private const string XmlProperty = "Xml";

    public IReadOnlyList<string> ReadAll()
    {
        var table = tables.SecretKeyRingAsync(CancellationToken.None).GetAwaiter().GetResult();
        return table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")).Select(e => e.GetString(XmlProperty)).Where(x => x is not null).ToList()!;
    }

    public void Store(string name, string xml)
    {
        var table = tables.SecretKeyRingAsync(CancellationToken.None).GetAwaiter().GetResult();
        table.UpsertEntity(new TableEntity(Partition, TableKeys.IsSafe(name) ? name : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))) { [XmlProperty] = xml }, TableUpdateMode.Replace);
    }
}

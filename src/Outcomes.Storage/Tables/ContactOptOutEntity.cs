using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.Procedures;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>ContactOptOuts</c>: PartitionKey = the channel's lookup key (<see cref="ContactCipher.LookupKeys"/>, a keyed
/// hash: for a phone the very key of table <c>PatientPhones</c>; the address itself is never stored), RowKey = the
/// channel's kind ("email" or "phone"). A row is an opt-out in force; opting back in deletes it.
/// </summary>
internal sealed class ContactOptOutEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset OptedOutAt { get; set; }

    public static string Kind(ContactChannelKind kind) => kind == ContactChannelKind.Email ? "email" : "phone";

    public static ContactOptOutEntity From(string lookupKey, ContactChannelKind kind, DateTimeOffset at) =>
        new() { PartitionKey = lookupKey, RowKey = Kind(kind), OptedOutAt = at };
}

using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>PatientPhones</c>: PartitionKey = the phone's lookup key (<see cref="ContactCipher.PhoneLookupKeys"/>, a keyed
/// hash: the number itself is never stored here), RowKey = procedure id. It finds the procedures of a patient who
/// answers an SMS, whose contact is otherwise only stored encrypted. Written at registration before the procedure, deleted
/// when the contact is erased; its readers check each row against the procedure's own contact.
/// </summary>
internal sealed class PatientPhoneEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClinicId { get; set; } = "";

    public static PatientPhoneEntity From(string lookupKey, RegisteredProcedure p) => new()
    {
        PartitionKey = lookupKey,
        RowKey = p.ProcedureId,
        ClinicId = p.ClinicId,
    };
}

using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.Procedures;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>Procedures</c>, one partition per procedure (PartitionKey = procedure id): the procedure row and its five
/// follow-up rows (keys: <see cref="ProcedureRows"/>). A registration writes them in one entity-group transaction, so a
/// procedure never exists without its schedule.
/// </summary>
internal sealed class ProcedureEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClinicId { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
    /// <summary>The registration in its wire form, without the contact.</summary>
    public string Record { get; set; } = "";
    /// <summary>E-mail and phone, encrypted (<see cref="ContactCipher"/>); null once erased.</summary>
    public string? Contact { get; set; }
    public string Language { get; set; } = PatientContact.DefaultLanguage;

    public static ProcedureEntity From(RegisteredProcedure p, ContactCipher cipher) => new()
    {
        PartitionKey = p.ProcedureId,
        RowKey = ProcedureRows.Procedure(p.ProcedureId),
        ClinicId = p.ClinicId,
        RegisteredAt = p.RegisteredAt,
        Record = StoredRegistration.Write(p.Registration),
        Contact = p.Registration.Contact is { Email: null, Phone: null } ? null : cipher.Encrypt(p.Registration.Contact),
        Language = p.Registration.Contact.Language,
    };

    public RegisteredProcedure ToDomain(ContactCipher cipher)
    {
        var contact = Contact is null ? new PatientContact(null, null, Language) : cipher.Decrypt(Contact, Language);
        var registration = StoredRegistration.Read(Record, contact);
        return new RegisteredProcedure(PartitionKey, ClinicId, registration, RegisteredAt);
    }
}

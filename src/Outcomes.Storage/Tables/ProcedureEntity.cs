using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
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
    /// <summary>Whether the sealed contact has an e-mail address and a phone (null in rows stored before these were kept).</summary>
    public bool? HasEmail { get; set; }
    public bool? HasPhone { get; set; }
    public string Language { get; set; } = PatientContact.DefaultLanguage;

    public static ProcedureEntity From(RegisteredProcedure p, ContactCipher cipher) => new()
    {
        PartitionKey = p.ProcedureId,
        RowKey = ProcedureRows.Procedure(p.ProcedureId),
        ClinicId = p.ClinicId,
        RegisteredAt = p.RegisteredAt,
        Record = StoredRegistration.Write(p.Registration),
        Contact = p.Registration.Contact is { Email: null, Phone: null } ? null : cipher.Encrypt(p.Registration.Contact),
        HasEmail = p.Registration.Contact.Email is not null,
        HasPhone = p.Registration.Contact.Phone is not null,
        Language = p.Registration.Contact.Language,
    };

    /// <summary>
    /// The procedure; its contact decrypted when <paramref name="decrypt"/> (or when the row does not say which channels
    /// it holds). Details that cannot be decrypted leave the language only, say why in <see cref="RegisteredProcedure.ContactHeld"/>,
    /// and are logged as a warning with the key id they name: one bad row must not fail a whole page or a timer run.
    /// </summary>
    public RegisteredProcedure ToDomain(ContactCipher cipher, bool decrypt = true, ILogger? log = null)
    {
        var withheld = new PatientContact(null, null, Language);
        var (contact, held) = Contact switch
        {
            null => (withheld, HeldContact.Of(withheld)),
            _ when !decrypt && HasEmail is { } email && HasPhone is { } phone => (withheld, new HeldContact(email, phone, Decrypted: false)),
            { } sealedContact => Open(sealedContact),
        };
        var registration = StoredRegistration.Read(Record, contact);
        return new RegisteredProcedure(PartitionKey, ClinicId, registration, RegisteredAt) { ContactHeld = held };

        (PatientContact, HeldContact) Open(string sealedContact)
        {
            try
            {
                var opened = cipher.Decrypt(sealedContact, Language);
                return (opened, HeldContact.Of(opened));
            }
            catch (CryptographicException)
            {
                var why = cipher.WhyUnreadable(sealedContact);
                log?.LogWarning("The contact details of procedure {ProcedureId} cannot be read (key id {KeyId}, configured: {KeyConfigured}).",
                    PartitionKey, why.KeyId ?? "none", why.KeyConfigured);
                return (withheld, new HeldContact(HasEmail, HasPhone, Decrypted: false, why));
            }
        }
    }
}

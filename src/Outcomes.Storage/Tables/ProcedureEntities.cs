using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>Procedures</c>, one partition per procedure (PartitionKey = procedure id): the procedure row (RowKey
/// "procedure") and its five follow-up rows (RowKey "followup-{time point}"). A registration writes them in one
/// entity-group transaction, so a procedure never exists without its schedule.
/// </summary>
internal sealed class ProcedureEntity : ITableEntity
{
    public const string Row = "procedure";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
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
        ClinicId = p.ClinicId,
        RegisteredAt = p.RegisteredAt,
        Record = p.Registration.ToJsonWithoutContact().ToJsonString(),
        Contact = p.Registration.Contact is { Email: null, Phone: null } ? null : cipher.Encrypt(p.Registration.Contact),
        Language = p.Registration.Contact.Language,
    };

    public RegisteredProcedure ToDomain(ContactCipher cipher)
    {
        var record = JsonNode.Parse(Record)!.AsObject();
        var contact = Contact is null ? new PatientContact(null, null, Language) : cipher.Decrypt(Contact, Language);
        // Contact is checked at registration; here it only needs a shape the reader accepts.
        record["contact"] = new JsonObject { ["email"] = "erased@example.org", ["language"] = Language };
        var (registration, problems) = ProcedureRegistration.Read(JsonSerializer.SerializeToElement(record), DateOnly.MaxValue);
        if (registration is null)
            throw new InvalidDataException($"Procedure {PartitionKey} is stored in a form this version cannot read: {problems[0].Detail}");
        return new RegisteredProcedure(PartitionKey, ClinicId, registration with { Contact = contact }, RegisteredAt);
    }
}

internal sealed class FollowUpEntity : ITableEntity
{
    public const string RowPrefix = "followup-";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TimePoint { get; set; } = "";
    public string Due { get; set; } = "";
    public string ClosesBefore { get; set; } = "";
    public string Status { get; set; } = "";
    public string? InvitedOn { get; set; }
    public int RemindersSent { get; set; }
    public string? AnsweredOn { get; set; }
    public string? LastRemindedOn { get; set; }
    public string? InvitationId { get; set; }
    /// <summary>The other follow-ups this one's invitation covers, comma-separated ids (on the lead only).</summary>
    public string? Covers { get; set; }
    /// <summary>The lead follow-up whose invitation covered this one.</summary>
    public string? InvitedWith { get; set; }

    public static FollowUpEntity From(string procedureId, ScheduledFollowUp f) => new()
    {
        PartitionKey = procedureId,
        RowKey = RowPrefix + f.TimePoint.Code,
        TimePoint = f.TimePoint.Code,
        Due = Day(f.Due),
        ClosesBefore = Day(f.Window.ClosesBefore),
        Status = f.Status.ToWire(),
    };

    public FollowUpRecord ToDomain()
    {
        Domain.FollowUps.TimePoint.TryParse(TimePoint, out var timePoint);
        FollowUpStatusCodes.Wire.TryParse(Status, out var status);
        var due = DateOnly.ParseExact(Due, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var window = new SurveyWindow(due, DateOnly.ParseExact(ClosesBefore, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new FollowUpRecord(new ScheduledFollowUp(timePoint, due, window, status), Parse(InvitedOn), RemindersSent, Parse(AnsweredOn),
            Parse(LastRemindedOn), InvitationId,
            Covers?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Id).ToList(),
            InvitedWith is null ? null : Id(InvitedWith));
    }

    /// <summary>This row with the record's progress written into it (schedule fields stay as registered).</summary>
    public FollowUpEntity With(FollowUpRecord r)
    {
        Status = r.FollowUp.Status.ToWire();
        InvitedOn = r.InvitedOn is { } invited ? Day(invited) : null;
        RemindersSent = r.RemindersSent;
        AnsweredOn = r.AnsweredOn is { } answered ? Day(answered) : null;
        LastRemindedOn = r.LastRemindedOn is { } reminded ? Day(reminded) : null;
        InvitationId = r.InvitationId;
        Covers = r.Covers is { Count: > 0 } covers ? string.Join(",", covers.Select(c => c.Value)) : null;
        InvitedWith = r.InvitedWith?.Value;
        return this;
    }

    private static FollowUpId Id(string value) =>
        FollowUpId.TryParse(value, out var id) ? id : throw new InvalidDataException($"'{value}' is not a follow-up id.");

    internal static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly? Parse(string? d) => d is null ? null : DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Table <c>FollowUpsDue</c>: PartitionKey = due date (yyyy-MM-dd), RowKey = "{procedure id}_{time point}". The timer
/// reads the partitions from its last run up to today, so its cost follows what is due, not what was ever registered.
/// </summary>
internal sealed class DueFollowUpEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClinicId { get; set; } = "";
    public string ProcedureId { get; set; } = "";
    public string TimePoint { get; set; } = "";

    public static DueFollowUpEntity From(RegisteredProcedure p, ScheduledFollowUp f) => new()
    {
        PartitionKey = f.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RowKey = $"{p.ProcedureId}_{f.TimePoint.Code}",
        ClinicId = p.ClinicId,
        ProcedureId = p.ProcedureId,
        TimePoint = f.TimePoint.Code,
    };
}

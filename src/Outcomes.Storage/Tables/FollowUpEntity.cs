using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Scores;

namespace Outcomes.Storage.Tables;

/// <summary>A follow-up's row in table <c>Procedures</c> (RowKey "{procedure id}_followup-{time point}", <see cref="ProcedureRows"/>): its schedule and progress, replaced only at the version read.</summary>
internal sealed class FollowUpEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? Timestamp { get; set; }
    [System.Text.Json.Serialization.JsonIgnore]
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
    /// <summary>The message promised with the last claim (<see cref="SurveyMessage"/>): its number, when, and the queue message that handed it out.</summary>
    public int? MessageNumber { get; set; }
    public DateTimeOffset? MessageClaimedAt { get; set; }
    public string? MessageDeliveredBy { get; set; }
    /// <summary>The effective day of the death, withdrawal or opt-out that cancelled it (an answer given by then still counts).</summary>
    public string? CancelledAsOf { get; set; }
    /// <summary>Where the follow-up is counted (<see cref="TallyKey"/>): its clinic, its report cell's code, the baseline pain, the patient, the procedure's day.</summary>
    public string? TallyClinic { get; set; }
    public string? TallyCell { get; set; }
    public int? BaselinePain { get; set; }
    public string? TallyPatient { get; set; }
    public int? TallyDay { get; set; }

    public static FollowUpEntity From(string procedureId, ScheduledFollowUp f, TallyKey? tally) => new()
    {
        TallyClinic = tally?.ClinicId,
        TallyCell = tally?.Cell.Code,
        BaselinePain = tally?.Baseline.Value,
        TallyPatient = tally?.Patient,
        TallyDay = tally?.ProcedureDay,
        PartitionKey = procedureId,
        RowKey = ProcedureRows.FollowUp(procedureId, f.TimePoint),
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
            InvitedWith is null ? null : Id(InvitedWith),
            MessageNumber is { } number && MessageClaimedAt is { } claimedAt ? new SurveyMessage(number, claimedAt, MessageDeliveredBy) : null,
            Parse(CancelledAsOf));
    }

    /// <summary>The row of a follow-up as read, holding <paramref name="record"/>'s progress (its schedule and where it is counted as read).</summary>
    public static FollowUpEntity Of(TrackedFollowUp read, FollowUpRecord record) =>
        From(read.Id.ProcedureId, read.Record.FollowUp, read.Tally).With(record);

    /// <summary>Where the follow-up is counted, as registered; null on a row written before rows kept it.</summary>
    public TallyKey? Tally() =>
        TallyClinic is { } clinic && TallyCell is { } code && Domain.Reports.TallyCell.TryParse(code, out var cell) && BaselinePain is { } pain
            ? new TallyKey(clinic, cell, PainScore.From(pain), TallyPatient, TallyDay)
            : null;

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
        MessageNumber = r.Message?.Number;
        MessageClaimedAt = r.Message?.ClaimedAt;
        MessageDeliveredBy = r.Message?.DeliveredBy;
        CancelledAsOf = r.CancelledAsOf is { } asOf ? Day(asOf) : null;
        return this;
    }

    private static FollowUpId Id(string value) =>
        FollowUpId.TryParse(value, out var id) ? id : throw new InvalidDataException($"'{value}' is not a follow-up id.");

    internal static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly? Parse(string? d) => d is null ? null : DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

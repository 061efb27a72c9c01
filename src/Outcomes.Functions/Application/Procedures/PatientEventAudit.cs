using System.Globalization;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>The audit entry a recorded patient event is stored with, on its procedure: which event, its type and day (and levels for a fracture).</summary>
internal static class PatientEventAudit
{
    public const string Action = "patient-event-recorded";

    public static AuditEntry Recorded(RecordedPatientEvent recorded)
    {
        var e = recorded.Event;
        var changes = new Dictionary<string, string?>
        {
            ["eventId"] = recorded.EventId.ToString(), ["type"] = e.Type.ToWire(), ["date"] = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (e.Type == PatientEventType.NewFracture)
            changes["levels"] = string.Join(",", e.Levels);
        return new AuditEntry(AuditSubjects.Procedure(recorded.ProcedureId), recorded.RecordedAt, recorded.RecordedBy, Action, changes);
    }
}

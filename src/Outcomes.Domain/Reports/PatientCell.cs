namespace Outcomes.Domain.Reports;

/// <summary>
/// Where a patient is counted: in the cell of their earliest procedure at the clinic (by procedure date; of two on one
/// day, the lower procedure id), whatever order the procedures were registered in.
/// </summary>
public sealed record PatientCell(TallyCell Cell, DateOnly ProcedureDate, string ProcedureId)
{
    public bool ComesBefore(PatientCell other) =>
        ProcedureDate != other.ProcedureDate ? ProcedureDate < other.ProcedureDate : string.CompareOrdinal(ProcedureId, other.ProcedureId) < 0;
}

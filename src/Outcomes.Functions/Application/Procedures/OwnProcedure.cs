using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>The one way procedure routes look a procedure up: the calling clinic's own, or null for the same 404 either way.</summary>
internal static class OwnProcedure
{
    public static async Task<ProcedureRecord?> FindAsync(Caller.Clinic caller, IProcedureStore procedures, string procedureId, CancellationToken ct,
        bool withContact = true) =>
        caller.OwnOrNull(await procedures.FindAsync(procedureId, ct, withContact), p => p.Procedure.ClinicId);
}

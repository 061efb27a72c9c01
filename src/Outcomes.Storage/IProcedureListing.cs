using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage;

/// <summary>
/// One page of a clinic's procedures (each with its follow-ups, without the answers nor the contact details: see
/// <see cref="RegisteredProcedure.ContactHeld"/>) and where the next begins; null when none follows.
/// </summary>
public sealed record ProcedurePage(IReadOnlyList<ProcedureRecord> Procedures, string? Continuation);

/// <summary>A continuation that this listing did not give out.</summary>
public sealed class InvalidContinuationException(string message) : Exception(message);

/// <summary>
/// A clinic's procedures, page by page, read by key and index only: what a page costs follows its size and the filter,
/// not how many procedures the clinic has registered.
/// </summary>
public interface IProcedureListing
{
    /// <summary>
    /// With a <paramref name="patientRef"/>, that patient's procedures (one page). Otherwise, with no follow-up filter, every
    /// procedure (a patient's procedures side by side); with one, the procedures that have a matching follow-up, in the
    /// order of <see cref="FollowUpFilter.FirstMatch"/> and its due date.
    /// </summary>
    /// <exception cref="InvalidContinuationException"><paramref name="continuation"/> is not one a page gave.</exception>
    Task<ProcedurePage> ListAsync(string clinicId, FollowUpFilter filter, string? patientRef, int pageSize, string? continuation, CancellationToken ct);
}

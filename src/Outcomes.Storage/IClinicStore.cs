namespace Outcomes.Storage;

/// <summary>
/// A clinic as registered by an admin: its id, display name and IANA time zone, and the settings the clinic may change
/// itself: <see cref="AlertEmail"/>, where red-flag alerts go, and <see cref="Phone"/> (E.164), the number patients are
/// told to call with questions. Both optional; neither is ever logged.
/// </summary>
public sealed record Clinic(string ClinicId, string Name, string TimeZone, DateTimeOffset CreatedAt, string? AlertEmail = null, string? Phone = null)
{
    // Keeps the alert address and the phone out of any log line a clinic ends up in.
    public override string ToString() => $"Clinic {{ ClinicId = {ClinicId}, TimeZone = {TimeZone} }}";
}

/// <summary>A clinic as read, with the version it was read at: a change written back lands only if nobody changed it since.</summary>
public sealed record TrackedClinic(Clinic Clinic, string Version);

public enum StoreOutcome { Stored, AlreadyStored }

/// <summary>Where clinics are kept. A clinic id is never reused: adding one that exists changes nothing.</summary>
public interface IClinicStore
{
    Task<StoreOutcome> AddAsync(Clinic clinic, CancellationToken ct);

    Task<Clinic?> FindAsync(string clinicId, CancellationToken ct);

    /// <summary>The clinic with its version, for a change conditional on it (<see cref="TryUpdateAsync"/>).</summary>
    Task<TrackedClinic?> GetAsync(string clinicId, CancellationToken ct);

    /// <summary>
    /// Writes <paramref name="changed"/> (the same clinic id) and its <paramref name="recorded"/> audit entry (on the
    /// clinic) in one write, if the clinic is still at the version read: the new version, or null when it changed
    /// meanwhile or is gone, and neither was written.
    /// </summary>
    Task<string?> TryUpdateAsync(TrackedClinic read, Clinic changed, AuditEntry recorded, CancellationToken ct);

    /// <summary>Every clinic, for the analysts' cross-clinic reports (one small row per clinic).</summary>
    Task<IReadOnlyList<Clinic>> AllAsync(CancellationToken ct);
}

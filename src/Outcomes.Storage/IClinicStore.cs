namespace Outcomes.Storage;

/// <summary>A clinic as registered by an admin: its id, display name and IANA time zone.</summary>
public sealed record Clinic(string ClinicId, string Name, string TimeZone, DateTimeOffset CreatedAt);

public enum StoreOutcome { Stored, AlreadyStored }

/// <summary>Where clinics are kept. A clinic id is never reused: adding one that exists changes nothing.</summary>
public interface IClinicStore
{
    Task<StoreOutcome> AddAsync(Clinic clinic, CancellationToken ct);

    Task<Clinic?> FindAsync(string clinicId, CancellationToken ct);

    /// <summary>Every clinic, for the analysts' cross-clinic reports (one small row per clinic).</summary>
    Task<IReadOnlyList<Clinic>> AllAsync(CancellationToken ct);
}

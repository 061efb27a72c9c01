using Outcomes.Domain.Procedures;

namespace Outcomes.Storage;

/// <summary>
/// The contact channels (e-mail addresses, phone numbers) whose owner asked for no more surveys: remembered for the
/// channel itself, not for a procedure, so an opt-out holds for every registration and every clinic until it is cleared.
/// </summary>
public interface IContactOptOuts
{
    /// <summary>Remembers each channel as opted out at <paramref name="at"/> (again: the latest time is kept).</summary>
    Task RememberAsync(IEnumerable<ContactChannel> channels, DateTimeOffset at, CancellationToken ct);

    /// <summary>True when any of the channels is remembered as opted out.</summary>
    Task<bool> AnyOptedOutAsync(IEnumerable<ContactChannel> channels, CancellationToken ct);

    /// <summary>Forgets the channels' opt-outs; how many of them had one.</summary>
    Task<int> ForgetAsync(IEnumerable<ContactChannel> channels, CancellationToken ct);
}

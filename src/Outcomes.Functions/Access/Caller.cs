using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Who is calling, as resolved from <c>Authorization: Bearer &lt;key&gt;</c> by a route's <c>RequireCaller</c> filter.
/// A handler on such a route reads it with <see cref="Required{T}"/>: not as a bound parameter, because parameters are
/// bound before the route's filter has resolved the caller.
/// </summary>
public abstract record Caller
{
    private Caller() { }

    private const string ItemKey = "Outcomes.Caller";

    /// <summary>The operator, holding the admin key from configuration: creates clinics and issues keys.</summary>
    public sealed record Admin : Caller
    {
        public static Admin Instance { get; } = new();
        public static AuditActor Actor => AuditActor.Admin;
    }

    /// <summary>A clinic's staff system, holding one of the clinic's keys. It sees only its own clinic's data.</summary>
    public sealed record Clinic(string ClinicId, string KeyId) : Caller
    {
        public AuditActor Actor => AuditActor.ClinicKey(KeyId);

        public bool Owns(string? ownerClinicId) => string.Equals(ownerClinicId, ClinicId, StringComparison.Ordinal);

        /// <summary>
        /// The resource when this clinic owns it, otherwise null: answer both cases with the same 404
        /// (<see cref="Problems.NotFound"/>), so another clinic's id is indistinguishable from one that does not exist.
        /// </summary>
        public T? OwnOrNull<T>(T? resource, Func<T, string?> ownerClinicId) where T : class =>
            resource is not null && Owns(ownerClinicId(resource)) ? resource : null;
    }

    /// <summary>A read-only analyst, holding an analyst key.</summary>
    public sealed record Analyst(string KeyId) : Caller
    {
    }

    /// <summary>The caller the route's filter resolved, or null before it ran.</summary>
    public static Caller? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var c) ? c as Caller : null;

    internal static void Remember(HttpContext http, Caller caller) => http.Items[ItemKey] = caller;

    public static T Required<T>(HttpContext http) where T : Caller => Of(http) as T ?? throw new InvalidOperationException(
        $"{http.Request.Method} {http.Request.Path} takes a {typeof(T).Name} caller but its route does not RequireCaller it.");
}

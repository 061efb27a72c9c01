using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Who is calling, as ASP.NET Core authentication established it (<see cref="AccessSchemes"/>) and a route's policy
/// let in. Handlers take it as a parameter (<c>Caller.Clinic caller</c>): it is bound from the request's user.
/// </summary>
public abstract record Caller
{
    private Caller() { }

    /// <summary>The operator, holding the admin key from configuration: creates clinics and issues keys.</summary>
    public sealed record Admin : Caller
    {
        public static Admin Instance { get; } = new();
        public static AuditActor Actor => AuditActor.Admin;

        public static new ValueTask<Admin?> BindAsync(HttpContext http) => ValueTask.FromResult(Of(http) as Admin);
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

        public static new ValueTask<Clinic?> BindAsync(HttpContext http) => ValueTask.FromResult(Of(http) as Clinic);
    }

    /// <summary>A read-only analyst, holding an analyst key.</summary>
    public sealed record Analyst(string KeyId) : Caller
    {
        public static new ValueTask<Analyst?> BindAsync(HttpContext http) => ValueTask.FromResult(Of(http) as Analyst);
    }

    public static ValueTask<Caller?> BindAsync(HttpContext http) => ValueTask.FromResult(Of(http));

    /// <summary>The caller the request's user is, or null when nobody (or nobody Outcomes knows) signed in.</summary>
    public static Caller? Of(HttpContext http) => AccessClaims.CallerOf(http.User);
}

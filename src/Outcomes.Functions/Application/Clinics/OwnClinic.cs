using System.Buffers.Text;
using System.Text;
using Microsoft.Net.Http.Headers;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// The one way the clinic settings routes look a clinic up: any clinic for the admin, its own for a clinic key, and for
/// another clinic's id nothing (not even a read), answered with the same 404 as an id that does not exist.
/// </summary>
internal static class OwnClinic
{
    public static async Task<TrackedClinic?> GetAsync(Caller caller, IClinicStore clinics, string clinicId, CancellationToken ct) => caller switch
    {
        Caller.Admin => await clinics.GetAsync(clinicId, ct),
        Caller.Clinic clinic when clinic.Owns(clinicId) => await clinics.GetAsync(clinicId, ct),
        _ => null,
    };

    public static AuditActor ActorOf(Caller caller) => caller switch
    {
        Caller.Admin => AuditActor.Admin,
        Caller.Clinic clinic => clinic.Actor,
        _ => throw new InvalidOperationException($"A {caller.GetType().Name} cannot change a clinic."),
    };

    /// <summary>The clinic's version as an HTTP entity tag: strong, opaque (the storage version, base64url), quoted.</summary>
    public static string EntityTag(string version) => $"\"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(version))}\"";

    public enum Precondition { None, Met, Failed, Malformed }

    /// <summary>
    /// Whether the request's <c>If-Match</c> (RFC 9110 §13.1.1: strong comparison, <c>*</c> for any current version) holds
    /// for <paramref name="version"/>; <see cref="Precondition.None"/> when it has none.
    /// </summary>
    public static Precondition IfMatch(HttpRequest request, string version)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
            return Precondition.None;
        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
            return Precondition.Malformed;
        var current = new EntityTagHeaderValue(EntityTag(version));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true))
            ? Precondition.Met : Precondition.Failed;
    }
}

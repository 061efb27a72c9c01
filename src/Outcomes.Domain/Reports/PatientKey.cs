using System.Security.Cryptography;
using System.Text;

namespace Outcomes.Domain.Reports;

/// <summary>
/// A key for a clinic's patient, safe in a tally marker, that does not carry the patient reference in clear. It is a
/// hash, not a secret: someone who can read the tallies and guess references could confirm one.
/// </summary>
public static class PatientKey
{
    public static string Of(string clinicId, string patientRef) =>
        "patient-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clinicId}\n{patientRef}")))[..32];
}

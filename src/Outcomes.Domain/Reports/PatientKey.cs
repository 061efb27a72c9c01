using System.Security.Cryptography;
using System.Text;

namespace Outcomes.Domain.Reports;

/// <summary>A key for a clinic's patient that reveals neither the patient reference nor the clinic, safe in a tally marker.</summary>
public static class PatientKey
{
    public static string Of(string clinicId, string patientRef) =>
        "patient-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clinicId}\n{patientRef}")))[..32];
}

using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>PatientProcedures</c>: PartitionKey = clinic id, RowKey = "{patient key}_{procedure id}", where the patient key
/// is a hash of the clinic's patient reference (references may hold characters a RowKey may not). It finds a patient's
/// procedures when a death, withdrawal or opt-out must stop all their surveys.
/// </summary>
internal sealed class PatientProcedureEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ProcedureId { get; set; } = "";

    public static PatientProcedureEntity From(RegisteredProcedure p) => new()
    {
        PartitionKey = p.ClinicId,
        RowKey = $"{PatientKey(p.Registration.PatientRef)}_{p.ProcedureId}",
        ProcedureId = p.ProcedureId,
    };

    public static string PatientKey(string patientRef) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(patientRef)))[..32];
}

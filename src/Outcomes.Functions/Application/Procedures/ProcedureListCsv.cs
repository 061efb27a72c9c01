using System.Globalization;
using CsvHelper;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A page of a clinic's procedures as CSV for a spreadsheet: one row per procedure, then for each time point its
/// follow-up's status and due date (<c>1w_status</c>, <c>1w_due</c>, …). Never a contact detail.
/// </summary>
internal static class ProcedureListCsv
{
    public static readonly string[] Columns =
    [
        "procedureId", "patientRef", "procedureType", "procedureDate", "etiology", "registeredAt",
        .. TimePoint.All.SelectMany(t => new[] { $"{t.Code}_status", $"{t.Code}_due" }),
    ];

    public static string Write(IEnumerable<ProcedureRecord> procedures)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var record in procedures)
            {
                var (p, r) = (record.Procedure, record.Procedure.Registration);
                csv.WriteField(p.ProcedureId);
                csv.WriteField(r.PatientRef);
                csv.WriteField(r.ProcedureType.ToWire());
                csv.WriteField(r.ProcedureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(r.Etiology.ToWire());
                csv.WriteField(p.RegisteredAt.ToString("O", CultureInfo.InvariantCulture));
                foreach (var timePoint in TimePoint.All)
                {
                    var followUp = record.FollowUps.FirstOrDefault(f => f.FollowUp.TimePoint == timePoint)?.FollowUp;
                    csv.WriteField(followUp?.Status.ToWire());
                    csv.WriteField(followUp?.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                csv.EndRecord();
            }
        }
        return text.ToString();
    }
}

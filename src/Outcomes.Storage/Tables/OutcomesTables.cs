using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>The app's tables, each created once per process on first use.</summary>
internal sealed class OutcomesTables(TableServiceClient service, string prefix)
{
    public const string ClinicsName = "Clinics";
    public const string AccessKeysName = "AccessKeys";
    public const string AuditTrailName = "AuditTrail";
    public const string ProceduresName = "Procedures";
    public const string FollowUpsDueName = "FollowUpsDue";
    public const string PatientProceduresName = "PatientProcedures";
    public const string OutcomeTalliesName = "OutcomeTallies";
    public const string PatientPhonesName = "PatientPhones";
    public const string SecretKeyRingName = "SecretKeyRing";
    public const string ContactOptOutsName = "ContactOptOuts";
    public const string RegistrationsUnfinishedName = "RegistrationsUnfinished";
    public const string ClinicFollowUpsName = "ClinicFollowUps";
    public const string WorklistName = "Worklist";

    private readonly CreatedOnce clinics = new(service, prefix + ClinicsName);
    private readonly CreatedOnce accessKeys = new(service, prefix + AccessKeysName);
    private readonly CreatedOnce auditTrail = new(service, prefix + AuditTrailName);
    private readonly CreatedOnce procedures = new(service, prefix + ProceduresName);
    private readonly CreatedOnce followUpsDue = new(service, prefix + FollowUpsDueName);
    private readonly CreatedOnce patientProcedures = new(service, prefix + PatientProceduresName);
    private readonly CreatedOnce outcomeTallies = new(service, prefix + OutcomeTalliesName);
    private readonly CreatedOnce patientPhones = new(service, prefix + PatientPhonesName);
    private readonly CreatedOnce secretKeyRing = new(service, prefix + SecretKeyRingName);
    private readonly CreatedOnce contactOptOuts = new(service, prefix + ContactOptOutsName);
    private readonly CreatedOnce registrationsUnfinished = new(service, prefix + RegistrationsUnfinishedName);
    private readonly CreatedOnce clinicFollowUps = new(service, prefix + ClinicFollowUpsName);
    private readonly CreatedOnce worklist = new(service, prefix + WorklistName);

    public TableServiceClient Service => service;

    public Task<TableClient> ClinicsAsync(CancellationToken ct) => clinics.GetAsync(ct);

    public Task<TableClient> AccessKeysAsync(CancellationToken ct) => accessKeys.GetAsync(ct);

    public Task<TableClient> AuditTrailAsync(CancellationToken ct) => auditTrail.GetAsync(ct);

    public Task<TableClient> ProceduresAsync(CancellationToken ct) => procedures.GetAsync(ct);

    public Task<TableClient> FollowUpsDueAsync(CancellationToken ct) => followUpsDue.GetAsync(ct);

    public Task<TableClient> PatientProceduresAsync(CancellationToken ct) => patientProcedures.GetAsync(ct);

    public Task<TableClient> OutcomeTalliesAsync(CancellationToken ct) => outcomeTallies.GetAsync(ct);

    public Task<TableClient> PatientPhonesAsync(CancellationToken ct) => patientPhones.GetAsync(ct);

    public Task<TableClient> SecretKeyRingAsync(CancellationToken ct) => secretKeyRing.GetAsync(ct);

    public Task<TableClient> ContactOptOutsAsync(CancellationToken ct) => contactOptOuts.GetAsync(ct);

    public Task<TableClient> RegistrationsUnfinishedAsync(CancellationToken ct) => registrationsUnfinished.GetAsync(ct);

    public Task<TableClient> ClinicFollowUpsAsync(CancellationToken ct) => clinicFollowUps.GetAsync(ct);

    public Task<TableClient> WorklistAsync(CancellationToken ct) => worklist.GetAsync(ct);

    /// <summary>Creates the table on first use; a failed attempt (storage down) is tried again by the next caller.</summary>
    private sealed class CreatedOnce(TableServiceClient service, string name)
    {
        private readonly Lock gate = new();
        private Task<TableClient>? created;

        public async Task<TableClient> GetAsync(CancellationToken ct)
        {
            Task<TableClient> attempt;
            lock (gate)
            {
                if (created is null || created.IsFaulted || created.IsCanceled)
                    created = CreateAsync();
                attempt = created;
            }
            return await attempt.WaitAsync(ct);
        }

        private async Task<TableClient> CreateAsync()
        {
            var table = service.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            return table;
        }
    }
}

using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outcomes.Storage.Tables;

namespace Outcomes.Storage;

public static class StorageSetup
{
    /// <summary>
    /// The storage setting, named like the Functions host's own: a connection string locally (Azurite), or in Azure
    /// <c>AzureWebJobsStorage__accountName</c> (or <c>__tableServiceUri</c>) reached with the app's managed identity.
    /// </summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>Optional prefix for table names, so that test runs sharing one account do not meet.</summary>
    public const string TablePrefixSetting = "Outcomes:TablePrefix";

    public static IServiceCollection AddOutcomesStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new OutcomesTables(TableService(configuration), configuration[TablePrefixSetting] ?? ""));
        services.AddSingleton<IClinicStore, TableClinicStore>();
        services.AddSingleton<IAccessKeyStore, TableAccessKeyStore>();
        services.AddSingleton<IAuditTrail, TableAuditTrail>();
        services.AddSingleton<IStorageProbe, TableStorageProbe>();
        services.AddSingleton(_ => new ContactCipher(configuration[ContactCipher.Setting]));
        services.AddSingleton<IProcedureStore, TableProcedureStore>();
        services.AddSingleton<IProcedureListing, TableProcedureListing>();
        services.AddSingleton<IWorklistStore, TableWorklistStore>();
        services.AddSingleton<IFollowUpStore, TableFollowUpStore>();
        services.AddSingleton<IOutcomeTallies, TableOutcomeTallies>();
        services.AddSingleton<IPatientEventStore, TablePatientEventStore>();
        services.AddSingleton<IContactOptOuts, TableContactOptOuts>();
        services.AddSingleton<ISecretKeyRing, TableSecretKeyRing>();
        return services;
    }

    internal static TableServiceClient TableService(IConfiguration configuration)
    {
        var options = new TableClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10), Mode = RetryMode.Exponential } };
        if (configuration[ConnectionSetting] is { Length: > 0 } connection)
            return new TableServiceClient(connection, options);
        var identityBased = configuration.GetSection(ConnectionSetting);
        if (identityBased["tableServiceUri"] is { Length: > 0 } uri)
            return new TableServiceClient(new Uri(uri), new DefaultAzureCredential(), options);
        if (identityBased["accountName"] is { Length: > 0 } account)
            return new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), new DefaultAzureCredential(), options);
        throw new InvalidOperationException(
            $"Outcomes needs Table Storage: set {ConnectionSetting} (a connection string) or {ConnectionSetting}__accountName (managed identity).");
    }
}

using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outcomes.Storage.Tables;

namespace Outcomes.Storage;

public static class StorageSetup
{
    /// <summary>The app setting holding the storage connection string (the Functions host's own storage setting).</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>Optional prefix for table names, so that test runs sharing one account do not meet.</summary>
    public const string TablePrefixSetting = "Outcomes:TablePrefix";

    public static IServiceCollection AddOutcomesStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var connection = configuration[ConnectionSetting];
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException($"The app setting {ConnectionSetting} is not set: Outcomes needs Table Storage.");
            var options = new TableClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10), Mode = RetryMode.Exponential } };
            return new OutcomesTables(new TableServiceClient(connection, options), configuration[TablePrefixSetting] ?? "");
        });
        services.AddSingleton<ISurveyResponseStore, TableSurveyResponseStore>();
        services.AddSingleton<IStorageProbe, TableStorageProbe>();
        return services;
    }
}

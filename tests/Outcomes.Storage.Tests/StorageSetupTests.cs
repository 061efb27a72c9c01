using Microsoft.Extensions.Configuration;

namespace Outcomes.Storage.Tests;

public class StorageSetupTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void A_connection_string_is_used_as_it_is()
    {
        var service = StorageSetup.TableService(Settings(("AzureWebJobsStorage",
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;")));

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", service.Uri.ToString().TrimEnd('/'));
    }

    [Fact]
    public void In_azure_the_account_name_setting_reaches_the_table_endpoint_with_the_managed_identity()
    {
        var service = StorageSetup.TableService(Settings(("AzureWebJobsStorage:accountName", "stoutcomesprod")));

        Assert.Equal("https://stoutcomesprod.table.core.windows.net", service.Uri.ToString().TrimEnd('/'));
    }

    [Fact]
    public void Without_any_storage_setting_the_handler_says_which_settings_it_needs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSetup.TableService(Settings()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
    }
}

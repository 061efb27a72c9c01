using Outcomes.LocalHost.Configuration;

namespace Outcomes.LocalHost.Tests;

public class AppSettingsTests
{
    private static readonly AppSettings Settings = Functions.Settings(("SurveySchedule", "0 0 * * * *"), ("Queue", "survey-responses"), ("Env", "dev"));

    [Fact]
    public void A_setting_reference_expands_to_its_value() =>
        Assert.Equal("0 0 * * * *", Settings.Expand("%SurveySchedule%", "here"));

    [Fact]
    public void Several_references_in_one_string_all_expand() =>
        Assert.Equal("--queue=survey-responses --env=dev", Settings.Expand("--queue=%Queue% --env=%Env%", "here"));

    [Fact]
    public void Text_without_references_is_left_as_it_is() =>
        Assert.Equal("survey-invitations", Settings.Expand("survey-invitations", "here"));

    [Fact]
    public void An_unknown_setting_is_an_error_naming_the_setting_and_the_place()
    {
        var error = Assert.Throws<HostConfigurationException>(() =>
            Settings.Expand("%SurveyScheduel%", "Function 'SendFollowUpSurveys', binding 'timer' (schedule)"));

        Assert.Contains("'SurveyScheduel'", error.Message);
        Assert.Contains("Function 'SendFollowUpSurveys', binding 'timer'", error.Message);
    }

    [Fact]
    public void Values_are_read_from_local_settings_json()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "IsEncrypted": false, "Values": { "SurveySchedule": "0 */5 * * * *", "ServiceBusConnection": "" } }""");
        try
        {
            var settings = AppSettings.Load(path);

            Assert.Equal("0 */5 * * * *", settings["SurveySchedule"]);
            Assert.Equal("", settings["ServiceBusConnection"]);
            Assert.Null(settings["AzureWebJobsStorage"]);
        }
        finally { File.Delete(path); }
    }
}

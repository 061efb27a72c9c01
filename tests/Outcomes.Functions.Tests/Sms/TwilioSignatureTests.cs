namespace Outcomes.Functions.Tests;

/// <summary>
/// The webhook signature against Twilio's published example ("Security: validating requests", and the test of
/// Twilio.Security.RequestValidator in twilio-csharp): auth token 12345, the URL and parameters below.
/// </summary>
public sealed class TwilioSignatureTests
{
    private const string AuthToken = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Published = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static readonly KeyValuePair<string, string>[] Parameters =   // in the example's order, not sorted
    [
        new("CallSid", "CA1234567890ABCDE"), new("From", "+14158675309"), new("Digits", "1234"), new("To", "+18005551212"), new("Caller", "+14158675309"),
    ];

    [Fact]
    public void The_published_example_computes_to_the_published_signature() =>
        Assert.Equal(Published, TwilioSignature.Compute(AuthToken, Url, Parameters));

    [Fact]
    public void The_published_signature_is_valid() =>
        Assert.True(TwilioSignature.IsValid(AuthToken, Url, Parameters, Published));

    [Fact]
    public void The_url_with_its_default_port_written_out_is_the_same_url() =>
        Assert.True(TwilioSignature.IsValid(AuthToken, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Parameters, Published));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("rsoydt4t1cutdk1pdd93/vvr8b8=")]
    public void A_missing_or_different_signature_is_not_valid(string? signature) =>
        Assert.False(TwilioSignature.IsValid(AuthToken, Url, Parameters, signature));

    [Fact]
    public void A_changed_parameter_another_url_or_another_token_breaks_the_signature()
    {
        var changed = Parameters.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "1235") : p).ToList();

        Assert.False(TwilioSignature.IsValid(AuthToken, Url, changed, Published));
        Assert.False(TwilioSignature.IsValid(AuthToken, "https://mycompany.com/myapp.php?foo=1&bar=3", Parameters, Published));
        Assert.False(TwilioSignature.IsValid(AuthToken, "http://mycompany.com/myapp.php?foo=1&bar=2", Parameters, Published));
        Assert.False(TwilioSignature.IsValid("54321", Url, Parameters, Published));
        Assert.False(TwilioSignature.IsValid(AuthToken, Url, Parameters.Where(p => p.Key != "Caller").ToList(), Published));
    }

    [Theory]
    [InlineData("https://outcomes.example.org/api/sms/inbound", "https://outcomes.example.org:443/api/sms/inbound")]
    [InlineData("https://outcomes.example.org:443/api/sms/inbound", "https://outcomes.example.org/api/sms/inbound")]
    [InlineData("http://outcomes.example.org/api/sms/inbound?x=1", "http://outcomes.example.org:80/api/sms/inbound?x=1")]
    public void A_url_is_also_tried_with_its_default_port_the_other_way(string url, string other) =>
        Assert.Equal([url, other], TwilioSignature.PortSpellings(url));

    [Fact]
    public void A_url_on_another_port_is_tried_as_given_only() =>
        Assert.Equal(["https://outcomes.example.org:8443/api/sms/inbound"], TwilioSignature.PortSpellings("https://outcomes.example.org:8443/api/sms/inbound"));
}

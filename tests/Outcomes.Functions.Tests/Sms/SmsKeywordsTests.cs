namespace Outcomes.Functions.Tests;

public class SmsKeywordsTests
{
    private static readonly IReadOnlySet<string> LanguageWords = new HashSet<string>(["STOP", "BAJA", "退订", "TD"], StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData("STOP")]
    [InlineData(" stopall ")]
    [InlineData("Unsubscribe")]
    [InlineData("cancel")]
    [InlineData("END")]
    [InlineData("quit")]
    [InlineData("REVOKE")]
    [InlineData("optout")]
    public void Twilios_own_stop_words_opt_out_and_twilio_confirms_them(string body) =>
        Assert.Equal((SmsKeyword.OptOut, true), SmsKeywords.Read(body, null, LanguageWords));

    [Theory]
    [InlineData("START")]
    [InlineData("yes")]
    [InlineData(" Unstop")]
    public void Twilios_opt_in_words_opt_in_and_twilio_confirms_them(string body) =>
        Assert.Equal((SmsKeyword.OptIn, true), SmsKeywords.Read(body, null, LanguageWords));

    [Theory]
    [InlineData("baja")]
    [InlineData("退订")]
    [InlineData("Td")]
    public void A_language_word_twilio_was_not_told_about_opts_out_and_outcomes_confirms_it(string body) =>
        Assert.Equal((SmsKeyword.OptOut, false), SmsKeywords.Read(body, null, LanguageWords));

    [Theory]
    [InlineData("ARRET", "STOP", "OptOut")]
    [InlineData("COMENZAR", "START", "OptIn")]
    [InlineData("STOP", "HELP", "OptOut")]   // HELP is Twilio's to answer: the words still decide
    public void What_twilios_advanced_opt_out_names_decides_and_twilio_confirms_it(string body, string optOutType, string expected) =>
        Assert.Equal((Enum.Parse<SmsKeyword>(expected), true), SmsKeywords.Read(body, optOutType, LanguageWords));

    [Theory]
    [InlineData("STOP please")]
    [InlineData("yes, much better")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("HELP")]
    public void Anything_else_asks_for_nothing(string? body) =>
        Assert.Equal((SmsKeyword.None, false), SmsKeywords.Read(body, null, LanguageWords));
}

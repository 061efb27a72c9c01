using System.Buffers.Text;
using System.Text;
using Outcomes.Domain.Surveys;

namespace Outcomes.Domain.Tests.Surveys;

public class SurveyTokenIssuerTests
{
    static readonly SurveyTokenKey Old = new("2026-01", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    static readonly SurveyTokenKey Current = new("2026-06", Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    static readonly SurveyTokenKey Stranger = new("2026-06", Enumerable.Range(200, 32).Select(i => (byte)i).ToArray());
    static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Closes = new(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(2));
    const string FollowUp = "p_7f3c9a/3m";

    static readonly SurveyTokenIssuer Issuer = new(new SurveyTokenKeyring(Current, Old));
    static readonly string Token = Issuer.Issue(FollowUp, Closes);

    [Fact]
    public void A_token_names_the_follow_up_it_was_issued_for() =>
        Assert.Equal(new SurveyTokenCheck.Valid(FollowUp, Closes), Issuer.Verify(Token, Now));

    [Fact]
    public void The_token_is_two_url_safe_parts_and_carries_only_key_follow_up_and_expiry()
    {
        var parts = Token.Split('.');

        Assert.Equal(2, parts.Length);
        Assert.All(Token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
        Assert.Equal($"{{\"k\":\"2026-06\",\"f\":\"{FollowUp}\",\"e\":{Closes.ToUnixTimeSeconds()}}}",
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
    }

    [Fact]
    public void Changing_any_character_makes_the_token_tampered_or_names_a_key_we_do_not_hold()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < Token.Length; i++)
        {
            if (Token[i] == '.') continue;
            foreach (var replacement in new[] { alphabet[(alphabet.IndexOf(Token[i]) + 1) % 64], alphabet[(alphabet.IndexOf(Token[i]) + 32) % 64] })
            {
                var tampered = string.Concat(Token.AsSpan(0, i), replacement.ToString(), Token.AsSpan(i + 1));

                var check = Issuer.Verify(tampered, Now);

                // Only an edit inside the key id can give UnknownKey; every other edit is Tampered.
                if (check is SurveyTokenCheck.KeyNotKnown) Assert.DoesNotContain("\"k\":\"2026-06\"", Decoded(tampered));
                else Assert.Equal(SurveyTokenCheck.Tampered, check);
            }
        }
    }

    [Theory]
    [InlineData(-1, true)]    // a second before the survey closes
    [InlineData(0, false)]    // the closing instant
    [InlineData(86400, false)]
    public void A_token_expires_when_its_survey_closes(int secondsAfterClose, bool valid)
    {
        var check = Issuer.Verify(Token, Closes.AddSeconds(secondsAfterClose));

        Assert.Equal(valid ? new SurveyTokenCheck.Valid(FollowUp, Closes) : new SurveyTokenCheck.Expired(FollowUp, Closes), check);
    }

    [Fact]
    public void A_token_signed_with_the_previous_key_still_verifies_after_rotation()
    {
        var beforeRotation = new SurveyTokenIssuer(new SurveyTokenKeyring(Old)).Issue(FollowUp, Closes);

        Assert.Equal(new SurveyTokenCheck.Valid(FollowUp, Closes), Issuer.Verify(beforeRotation, Now));
    }

    [Fact]
    public void A_token_from_a_retired_key_names_an_unknown_key()
    {
        var retiredOld = new SurveyTokenIssuer(new SurveyTokenKeyring(Current));

        Assert.Equal(SurveyTokenCheck.UnknownKey, retiredOld.Verify(new SurveyTokenIssuer(new SurveyTokenKeyring(Old)).Issue(FollowUp, Closes), Now));
    }

    [Fact]
    public void A_token_signed_by_someone_else_under_our_key_id_is_tampered() =>
        Assert.Equal(SurveyTokenCheck.Tampered, Issuer.Verify(new SurveyTokenIssuer(new SurveyTokenKeyring(Stranger)).Issue(FollowUp, Closes), Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!!.????")]
    [InlineData("e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]          // {} with a zero MAC
    [InlineData("bnVsbA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]       // null
    [InlineData("W10.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]          // []
    [InlineData("eyJrIjoxLCJmIjoyLCJlIjoiMyJ9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]   // wrong types
    [InlineData("eyJrIjoiMjAyNi0wNiIsImYiOiJ4IiwiZSI6OTk5OTk5OTk5OTk5OTk5OTk5OTl9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]   // expiry past year 9999
    [InlineData("/w.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]          // not UTF-8, and not base64url
    [InlineData("_w.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]          // not UTF-8
    [InlineData("e30=.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]         // padding is not ours
    public void Garbage_is_tampered_without_an_exception(string? token) =>
        Assert.Equal(SurveyTokenCheck.Tampered, Issuer.Verify(token, Now));

    [Fact]
    public void An_oversize_token_is_tampered_before_any_work() =>
        Assert.Equal(SurveyTokenCheck.Tampered, Issuer.Verify(Token + new string('A', SurveyTokenIssuer.MaxTokenLength), Now));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("naïve")]
    public void A_follow_up_id_that_would_not_survive_a_link_is_refused_at_issue(string id) =>
        Assert.Throws<ArgumentException>(() => Issuer.Issue(id, Closes));

    [Fact]
    public void A_key_shorter_than_256_bits_is_refused() =>
        Assert.Throws<ArgumentException>(() => new SurveyTokenKey("k1", new byte[31]));

    static string Decoded(string token)
    {
        try { return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[0])); }
        catch (FormatException) { return ""; }
    }
}

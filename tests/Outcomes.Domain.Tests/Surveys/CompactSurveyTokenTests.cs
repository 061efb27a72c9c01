using System.Buffers.Text;
using Outcomes.Domain.Surveys;

namespace Outcomes.Domain.Tests.Surveys;

/// <summary>The compact survey token: shorter, and as unforgeable, tamper-evident and rotatable as the JSON one.</summary>
public sealed class CompactSurveyTokenTests
{
    static readonly SurveyTokenKey Old = new("2026-01", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    static readonly SurveyTokenKey Current = new("2026-06", Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    static readonly SurveyTokenKey Stranger = new("2026-06", Enumerable.Range(200, 32).Select(i => (byte)i).ToArray());
    static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Closes = new(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(2));

    /// <summary>A follow-up of a registered procedure: its id is 32 lower-case hex characters.</summary>
    const string Registered = "7f3c9a2e5d414b8e9c0a1e2f3a4b5c6d_12m";

    static readonly SurveyTokenIssuer Issuer = new(new SurveyTokenKeyring(Current, Old));
    static readonly string Token = Issuer.IssueCompact(Registered, Closes);

    [Theory]
    [InlineData(Registered)]
    [InlineData("7F3C9A2E5D414B8E9C0A1E2F3A4B5C6D_12m")]   // upper case: written as it is, and read back unchanged
    [InlineData("7f3c9a2e5d414b8e9c0a1e2f3a4b5c6d")]       // nothing after the hex
    [InlineData("p_7f3c9a/3m")]
    [InlineData("x")]
    public void A_compact_token_names_the_follow_up_it_was_issued_for(string followUp) =>
        Assert.Equal(new SurveyTokenCheck.Valid(followUp, Closes), Issuer.Verify(Issuer.IssueCompact(followUp, Closes), Now));

    [Fact]
    public void A_compact_token_is_two_url_safe_parts_less_than_half_as_long_as_the_json_one()
    {
        var json = Issuer.Issue(Registered, Closes);

        Assert.Equal(2, Token.Split('.').Length);
        Assert.All(Token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
        Assert.Equal(69, Token.Length);   // 34 bytes of payload and a 16-byte tag
        Assert.True(Token.Length * 2 < json.Length, $"{Token.Length} against {json.Length}");
        Assert.Equal(22, Token.Split('.')[1].Length);
    }

    [Fact]
    public void Changing_any_character_makes_the_token_tampered_or_names_a_key_we_do_not_hold()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < Token.Length; i++)
        {
            if (Token[i] == '.') continue;
            foreach (var shift in new[] { 1, 32 })
            {
                var tampered = string.Concat(Token.AsSpan(0, i), alphabet[(alphabet.IndexOf(Token[i]) + shift) % 64].ToString(), Token.AsSpan(i + 1));

                var check = Issuer.Verify(tampered, Now);

                // Only an edit inside the key id (its length or its characters: bytes 1 to 8) can give UnknownKey.
                if (check is SurveyTokenCheck.KeyNotKnown) Assert.True((i * 6 + 5) / 8 >= 1 && i * 6 / 8 <= 8, $"character {i}");
                else Assert.Equal(SurveyTokenCheck.Tampered, check);
            }
        }
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(86400, false)]
    public void A_compact_token_expires_when_its_survey_closes(int secondsAfterClose, bool valid) =>
        Assert.Equal(valid ? new SurveyTokenCheck.Valid(Registered, Closes) : new SurveyTokenCheck.Expired(Registered, Closes),
            Issuer.Verify(Token, Closes.AddSeconds(secondsAfterClose)));

    [Fact]
    public void Keys_rotate_as_for_the_json_token()
    {
        var beforeRotation = new SurveyTokenIssuer(new SurveyTokenKeyring(Old)).IssueCompact(Registered, Closes);

        Assert.Equal(new SurveyTokenCheck.Valid(Registered, Closes), Issuer.Verify(beforeRotation, Now));
        Assert.Equal(SurveyTokenCheck.UnknownKey, new SurveyTokenIssuer(new SurveyTokenKeyring(Current)).Verify(beforeRotation, Now));
        Assert.Equal(SurveyTokenCheck.Tampered, Issuer.Verify(new SurveyTokenIssuer(new SurveyTokenKeyring(Stranger)).IssueCompact(Registered, Closes), Now));
    }

    [Fact]
    public void Json_tokens_already_sent_still_verify_beside_compact_ones() =>
        Assert.Equal(new SurveyTokenCheck.Valid(Registered, Closes), Issuer.Verify(Issuer.Issue(Registered, Closes), Now));

    [Fact]
    public void One_form_s_tag_does_not_stand_for_the_other_s()
    {
        var json = Issuer.Issue(Registered, Closes).Split('.');
        var compact = Token.Split('.');
        var jsonTagCut = Base64Url.EncodeToString(Base64Url.DecodeFromChars(json[1])[..16]);

        Assert.Equal(SurveyTokenCheck.Tampered, Issuer.Verify($"{compact[0]}.{json[1]}", Now));
        Assert.Equal(SurveyTokenCheck.Tampered, Issuer.Verify($"{json[0]}.{compact[1]}", Now));
        Assert.Equal(SurveyTokenCheck.Tampered, Issuer.Verify($"{json[0]}.{jsonTagCut}", Now));
    }

    [Fact]
    public void Random_compact_shaped_bytes_are_refused_without_an_exception()
    {
        var random = new Random(20261202);
        for (var n = 0; n < 5000; n++)
        {
            var payload = new byte[random.Next(1, 60)];
            random.NextBytes(payload);
            payload[0] = 2;
            if (n % 2 == 0 && payload.Length > 1) payload[1] = (byte)random.Next(0, 18);   // a plausible key id length, often
            var tag = new byte[16];
            random.NextBytes(tag);

            var check = Issuer.Verify($"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(tag)}", Now);

            Assert.True(check == SurveyTokenCheck.Tampered || check == SurveyTokenCheck.UnknownKey, $"{check}");
        }
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2106-02-07T06:28:16Z")]   // one second past 2^32 - 1
    public void A_compact_token_cannot_expire_outside_its_32_bit_range(string expiresAt) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Issuer.IssueCompact(Registered, DateTimeOffset.Parse(expiresAt, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_last_second_of_its_range_is_held() =>
        Assert.Equal(new SurveyTokenCheck.Valid(Registered, DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue)),
            Issuer.Verify(Issuer.IssueCompact(Registered, DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue)), Now));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void A_follow_up_id_that_would_not_survive_a_link_is_refused_at_issue(string id) =>
        Assert.Throws<ArgumentException>(() => Issuer.IssueCompact(id, Closes));
}

using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Outcomes.Domain.Procedures;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

/// <summary>Opt-outs remembered by contact channel in table <c>ContactOptOuts</c>, keyed by the same keyed hash as the phone index.</summary>
public sealed class TableContactOptOutsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string OldKey = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = "k2:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
    private readonly CancellationToken ct = CancellationToken.None;

    private static string NewPhone() => "+49151" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000);

    private static string NewEmail() => $"patient.{RandomNumberGenerator.GetInt32(10_000_000, 100_000_000)}@example.org";

    private TableContactOptOuts Store(string keys) => new(tables, new ContactCipher(keys));

    [Fact]
    public async Task An_opted_out_phone_is_found_however_it_is_spaced_and_another_number_is_not()
    {
        var store = Store(NewKey);
        var phone = NewPhone();

        await store.RememberAsync([ContactChannel.Phone(phone)!], At, ct);

        Assert.True(await store.AnyOptedOutAsync([ContactChannel.Phone($"{phone[..3]} {phone[3..6]}-{phone[6..]}")!], ct));
        Assert.False(await store.AnyOptedOutAsync([ContactChannel.Phone(NewPhone())!], ct));
    }

    [Fact]
    public async Task An_opted_out_email_is_found_whatever_its_case_and_one_opted_out_channel_is_enough()
    {
        var store = Store(NewKey);
        var email = NewEmail();

        await store.RememberAsync([ContactChannel.Email(email)!], At, ct);

        Assert.True(await store.AnyOptedOutAsync([ContactChannel.Email(email.ToUpperInvariant())!], ct));
        Assert.True(await store.AnyOptedOutAsync([ContactChannel.Phone(NewPhone())!, ContactChannel.Email(email)!], ct));
        Assert.False(await store.AnyOptedOutAsync([ContactChannel.Email(NewEmail())!, ContactChannel.Phone(NewPhone())!], ct));
    }

    [Fact]
    public async Task An_email_and_a_phone_with_the_same_text_do_not_share_an_opt_out()
    {
        var store = Store(NewKey);
        var digits = NewPhone()[1..];

        await store.RememberAsync([ContactChannel.Email(digits)!], At, ct);

        Assert.False(await store.AnyOptedOutAsync([ContactChannel.Phone(digits)!], ct));
    }

    [Fact]
    public async Task Forgetting_clears_the_opt_out_and_says_how_many_channels_had_one()
    {
        var store = Store(NewKey);
        var (phone, email) = (NewPhone(), NewEmail());
        await store.RememberAsync([ContactChannel.Phone(phone)!], At, ct);

        var forgotten = await store.ForgetAsync([ContactChannel.Phone(phone)!, ContactChannel.Email(email)!], ct);

        Assert.Equal(1, forgotten);
        Assert.False(await store.AnyOptedOutAsync([ContactChannel.Phone(phone)!], ct));
        Assert.Equal(0, await store.ForgetAsync([ContactChannel.Phone(phone)!], ct));
    }

    [Fact]
    public async Task An_opt_out_remembered_before_a_key_rotation_still_holds_and_is_forgotten_after_it()
    {
        var phone = NewPhone();
        await Store(OldKey).RememberAsync([ContactChannel.Phone(phone)!], At, ct);
        var rotated = Store($"{NewKey};{OldKey}");

        Assert.True(await rotated.AnyOptedOutAsync([ContactChannel.Phone(phone)!], ct));
        Assert.Equal(1, await rotated.ForgetAsync([ContactChannel.Phone(phone)!], ct));
        Assert.False(await rotated.AnyOptedOutAsync([ContactChannel.Phone(phone)!], ct));
    }

    [Fact]
    public async Task A_phones_row_is_keyed_by_the_phone_indexs_own_lookup_key_and_no_row_holds_an_address()
    {
        var cipher = new ContactCipher(NewKey);
        var (phone, email) = (NewPhone(), NewEmail());

        await Store(NewKey).RememberAsync([ContactChannel.Phone(phone)!, ContactChannel.Email(email)!], At, ct);

        var table = await tables.ContactOptOutsAsync(ct);
        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Contains(rows, r => r.PartitionKey == cipher.PhoneLookupKey(phone) && r.RowKey == "phone");
        Assert.Contains(rows, r => r.RowKey == "email");
        var stored = JsonSerializer.Serialize(rows);
        Assert.DoesNotContain(phone[^7..], stored);
        Assert.DoesNotContain(email.Split('@')[0], stored);
    }
}

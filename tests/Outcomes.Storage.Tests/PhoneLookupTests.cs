using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

/// <summary>Procedures found by their patient's phone number through the keyed-hash index <c>PatientPhones</c>.</summary>
public sealed class PhoneLookupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string OldKey = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = "k2:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));

    private static string NewPhone() => "+49151" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000);

    private static RegisteredProcedure Procedure(string? phone, string clinicId = "clinic-a", string patientRef = "P-0042") => new(
        Guid.NewGuid().ToString("N"), clinicId, new ProcedureRegistration(
            patientRef, new PatientContact("patient@example.org", phone, "es"), ProcedureType.Vertebroplasty, new DateOnly(2026, 2, 20),
            [VertebralLevel.All.Single(l => l.ToString() == "L1")], Etiology.Osteoporotic,
            new Baseline(PainScore.From(8), [Medication.Paracetamol]), ProcedureDetails.None), new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private async Task<RegisteredProcedure> RegisterAsync(TableProcedureStore store, RegisteredProcedure procedure)
    {
        await store.RegisterAsync(procedure, FollowUpSchedule.For(procedure.Registration.ProcedureDate), CancellationToken.None);
        return procedure;
    }

    private async Task<List<TableEntity>> PhoneRowsAsync(string procedureId)
    {
        var phones = await tables.PatientPhonesAsync(CancellationToken.None);
        return await phones.QueryAsync<TableEntity>(e => e.RowKey == procedureId).ToListAsync();
    }

    [Fact]
    public async Task A_patients_procedures_are_found_by_their_phone_however_it_is_spaced_and_no_other()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(NewKey));
        var phone = NewPhone();
        var first = await RegisterAsync(store, Procedure(phone));
        var second = await RegisterAsync(store, Procedure(phone, clinicId: "clinic-b"));
        await RegisterAsync(store, Procedure(NewPhone()));

        var found = await store.ProceduresWithPhoneAsync($"{phone[..3]} {phone[3..6]} {phone[6..]}", CancellationToken.None);

        Assert.Equal(new[] { (first.ProcedureId, "clinic-a"), (second.ProcedureId, "clinic-b") }.Order(), found.Order());
        Assert.Empty(await store.ProceduresWithPhoneAsync(NewPhone(), CancellationToken.None));
    }

    [Fact]
    public async Task The_index_row_holds_a_keyed_hash_and_the_clinic_never_the_number()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(NewKey));
        var phone = NewPhone();
        var procedure = await RegisterAsync(store, Procedure(phone));

        var row = Assert.Single(await PhoneRowsAsync(procedure.ProcedureId));

        var raw = JsonSerializer.Serialize(row);
        Assert.DoesNotContain(phone[1..], raw);
        Assert.DoesNotContain(phone[^7..], raw);
        Assert.Equal(new ContactCipher(NewKey).PhoneLookupKey(phone), row.PartitionKey);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(phone[1..]))), row.PartitionKey);
        Assert.Equal("clinic-a", row.GetString("ClinicId"));
    }

    [Fact]
    public async Task A_procedure_without_a_phone_has_no_index_row()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(NewKey));

        var procedure = await RegisterAsync(store, Procedure(phone: null));

        Assert.Empty(await PhoneRowsAsync(procedure.ProcedureId));
    }

    [Fact]
    public async Task After_a_key_rotation_numbers_registered_under_the_older_key_are_still_found()
    {
        var phone = NewPhone();
        var before = await RegisterAsync(new TableProcedureStore(tables, new ContactCipher(OldKey)), Procedure(phone));
        var rotated = new TableProcedureStore(tables, new ContactCipher($"{NewKey};{OldKey}"));
        var after = await RegisterAsync(rotated, Procedure(phone));

        var found = await rotated.ProceduresWithPhoneAsync(phone, CancellationToken.None);

        Assert.Equal(new[] { before.ProcedureId, after.ProcedureId }.Order(), found.Select(f => f.ProcedureId).Order());
        Assert.Equal(new ContactCipher(NewKey).PhoneLookupKey(phone), Assert.Single(await PhoneRowsAsync(after.ProcedureId)).PartitionKey);
    }

    [Fact]
    public async Task Erasing_the_contact_removes_the_index_row_and_the_procedure_is_no_longer_found()
    {
        var store = new TableProcedureStore(tables, new ContactCipher(NewKey));
        var phone = NewPhone();
        var procedure = await RegisterAsync(store, Procedure(phone));

        Assert.True(await store.EraseContactAsync(procedure.ProcedureId, CancellationToken.None));

        Assert.Empty(await PhoneRowsAsync(procedure.ProcedureId));
        Assert.Empty(await store.ProceduresWithPhoneAsync(phone, CancellationToken.None));
    }

    [Fact]
    public async Task An_index_row_whose_procedure_was_never_written_is_skipped()
    {
        var cipher = new ContactCipher(NewKey);
        var store = new TableProcedureStore(tables, cipher);
        var phone = NewPhone();
        var phones = await tables.PatientPhonesAsync(CancellationToken.None);
        await phones.AddEntityAsync(PatientPhoneEntity.From(cipher.PhoneLookupKey(phone)!, Procedure(phone)));

        Assert.Empty(await store.ProceduresWithPhoneAsync(phone, CancellationToken.None));
    }

    [Theory]
    [InlineData("+4915112345678", "4915112345678")]
    [InlineData("+49 151 1234-5678", "4915112345678")]
    [InlineData("", null)]
    [InlineData("CLINIC", null)]   // an alphanumeric sender id
    public void A_phone_is_compared_by_its_digits(string phone, string? digits) =>
        Assert.Equal(digits, ContactCipher.PhoneDigits(phone));

    [Fact]
    public void Lookup_keys_differ_per_contact_key_and_the_current_key_comes_first()
    {
        var rotated = new ContactCipher($"{NewKey};{OldKey}");

        var keys = rotated.PhoneLookupKeys("+4915112345678");

        Assert.Equal([new ContactCipher(NewKey).PhoneLookupKey("+4915112345678")!, new ContactCipher(OldKey).PhoneLookupKey("+4915112345678")!], keys);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal(64, keys[0].Length);
        Assert.Empty(rotated.PhoneLookupKeys("no digits"));
    }
}

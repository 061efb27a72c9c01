using Azure.Data.Tables;
using Outcomes.Domain.Procedures;

namespace Outcomes.Storage.Tables;

/// <summary>Opt-outs by contact channel, written under the current contact key and found under every configured one.</summary>
internal sealed class TableContactOptOuts(OutcomesTables tables, ContactCipher cipher) : IContactOptOuts
{
    public async Task RememberAsync(IEnumerable<ContactChannel> channels, DateTimeOffset at, CancellationToken ct)
    {
        var table = await tables.ContactOptOutsAsync(ct);
        foreach (var channel in channels)   // an opt-out repeated only moves its time: nothing to keep from the row it replaces
            await table.UpsertEntityAsync(ContactOptOutEntity.From(cipher.LookupKeys(channel)[0], channel.Kind, at), TableUpdateMode.Replace, ct);
    }

    public async Task<bool> AnyOptedOutAsync(IEnumerable<ContactChannel> channels, CancellationToken ct)
    {
        var table = await tables.ContactOptOutsAsync(ct);
        foreach (var channel in channels)
            foreach (var lookupKey in cipher.LookupKeys(channel))
                if ((await table.GetEntityIfExistsAsync<ContactOptOutEntity>(lookupKey, ContactOptOutEntity.Kind(channel.Kind), cancellationToken: ct)).HasValue)
                    return true;
        return false;
    }

    public async Task<int> ForgetAsync(IEnumerable<ContactChannel> channels, CancellationToken ct)
    {
        var table = await tables.ContactOptOutsAsync(ct);
        var forgotten = 0;
        foreach (var channel in channels)
        {
            var had = false;
            foreach (var lookupKey in cipher.LookupKeys(channel))   // a row that is not there is no error (404)
                had |= (await table.DeleteEntityAsync(lookupKey, ContactOptOutEntity.Kind(channel.Kind), Azure.ETag.All, ct)).Status == 204;
            if (had)
                forgotten++;
        }
        return forgotten;
    }
}

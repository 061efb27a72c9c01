using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Outcomes.Functions.Tests;

/// <summary>
/// Data Protection's key ring (what the dashboard's cookie is sealed with) lives in Table Storage, shared by every
/// instance, and is read when the cookie first needs it, not while the handler starts.
/// </summary>
public sealed class DataProtectionKeysTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string KeyRingTable = "SecretKeyRing";

    private static HttpClient Browser(OutcomesApp instance) =>
        instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<string> SignInAsync(OutcomesApp instance, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/sign-in") { Content = new FormUrlEncodedContent([new("key", key)]) };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await Browser(instance).SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    private static async Task<HttpStatusCode> DashboardAsync(OutcomesApp instance, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("Cookie", cookie);
        return (await Browser(instance).SendAsync(request)).StatusCode;
    }

    private static async Task<int?> KeyRingRowsAsync(OutcomesApp instance)
    {
        try
        {
            var rows = 0;
            await foreach (var _ in instance.Table(KeyRingTable).QueryAsync<TableEntity>())
                rows++;
            return rows;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;   // the table does not exist yet: nothing has read or written the ring
        }
    }

    [Fact]
    public async Task The_handler_answers_before_it_reads_the_key_ring_and_the_first_sign_in_writes_the_ring_to_table_storage()
    {
        await using var fresh = new OutcomesApp { StorageConnectionOverride = app.StorageConnection };
        var clinic = await fresh.CreateClinicAsync("Spine Centre Fresh Ring");

        Assert.Equal(HttpStatusCode.OK, (await fresh.Client.GetAsync("/api/health")).StatusCode);
        var beforeSignIn = await KeyRingRowsAsync(fresh);
        var cookie = await SignInAsync(fresh, clinic.ApiKey);

        Assert.Null(beforeSignIn);
        Assert.Equal(HttpStatusCode.OK, await DashboardAsync(fresh, cookie));
        Assert.True(await KeyRingRowsAsync(fresh) >= 1, "the key the cookie is sealed with is kept in Table Storage");
    }

    [Fact]
    public async Task A_cookie_sealed_by_one_instance_opens_the_dashboard_on_another_that_shares_its_storage()
    {
        var clinic = await app.CreateClinicAsync("Spine Centre Two Instances");
        var cookie = await SignInAsync(app, clinic.ApiKey);
        await using var other = new OutcomesApp { StorageConnectionOverride = app.StorageConnection, TablePrefix = app.TablePrefix };
        await using var elsewhere = new OutcomesApp { StorageConnectionOverride = app.StorageConnection };

        Assert.Equal(HttpStatusCode.OK, await DashboardAsync(other, cookie));
        Assert.Equal(HttpStatusCode.SeeOther, await DashboardAsync(elsewhere, cookie));   // another deployment's ring: back to the sign-in form
    }
}

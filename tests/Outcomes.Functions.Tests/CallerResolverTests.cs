using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Moq;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>The resolver against a mocked key store: which presented keys reach the store at all.</summary>
public sealed class CallerResolverTests
{
    private readonly Mock<IAccessKeyStore> keys = new(MockBehavior.Strict);

    private CallerResolver Resolver(string? adminKey = OutcomesApp.AdminKey) => new(
        new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(CallerResolver.AdminKeySetting, adminKey)]).Build(), keys.Object);

    private static HttpRequest WithAuthorization(string value)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = value;
        return http.Request;
    }

    [Fact]
    public async Task The_admin_key_is_recognised_without_asking_the_store() =>
        Assert.Equal(Caller.Admin.Instance, await Resolver().ResolveKeyAsync(CallerResolver.BearerKey(WithAuthorization("Bearer " + OutcomesApp.AdminKey)), CancellationToken.None));

    [Fact]
    public async Task A_revoked_key_is_nobody()
    {
        keys.Setup(k => k.FindByPresentedKeyAsync("oc_x", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessKey("key_1", AccessRole.Clinic, "c1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

        Assert.Null(await Resolver().ResolveKeyAsync(CallerResolver.BearerKey(WithAuthorization("Bearer oc_x")), CancellationToken.None));
    }

    [Fact]
    public async Task With_no_admin_key_configured_an_empty_looking_key_is_not_the_admin()
    {
        keys.Setup(k => k.FindByPresentedKeyAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((AccessKey?)null);

        Assert.False(Resolver(adminKey: null).AdminConfigured);
        Assert.Null(await Resolver(adminKey: "").ResolveKeyAsync(CallerResolver.BearerKey(WithAuthorization("Bearer  x ")), CancellationToken.None));
    }

    [Theory]
    [InlineData("Basic " + OutcomesApp.AdminKey)]
    [InlineData("Bearer")]
    [InlineData(OutcomesApp.AdminKey)]
    public async Task A_header_that_is_not_a_bearer_key_never_reaches_the_store(string authorization) =>
        Assert.Null(await Resolver().ResolveKeyAsync(CallerResolver.BearerKey(WithAuthorization(authorization)), CancellationToken.None));

    [Theory]
    [InlineData("oc_key\u0000")]
    [InlineData("oc_k\u00e9y")]
    [InlineData("oc_k ey")]
    [InlineData("oc_key\u001b")]
    public async Task A_key_with_a_character_no_key_has_never_reaches_the_store(string presented) =>
        Assert.Null(await Resolver().ResolveKeyAsync(presented, CancellationToken.None));
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Outcomes.Functions;

/// <summary>
/// The bearer keys: <c>Authorization: Bearer &lt;key&gt;</c> with the admin key from configuration or an active clinic or
/// analyst key. No header is no result (another way in may apply); a key that is unknown or revoked fails. Its
/// challenge and refusal are <see cref="AccessRefusals"/>'.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    CallerResolver callers) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (CallerResolver.BearerKey(Request) is not { } key)
            return AuthenticateResult.NoResult();
        return await callers.ResolveKeyAsync(key, Context.RequestAborted) is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(AccessClaims.Principal(caller, Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail("The key presented is unknown or revoked.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AccessRefusals.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessRefusals.ForbidAsync(Context);
}

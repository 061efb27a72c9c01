using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions;

/// <summary>
/// App Service built-in authentication's user (<see cref="EasyAuthPrincipal"/>), trusted only when the platform says its
/// authentication is on. A user the roles and mapping give no access is still signed in, with no role: the route's
/// policy then refuses them by name (403), rather than asking them to sign in again.
/// </summary>
internal sealed class AppServiceAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (EasyAuthPrincipal.From(Request, configuration) is not { } user)
            return Task.FromResult(AuthenticateResult.NoResult());
        var principal = user.ToCaller(configuration) is { } caller
            ? AccessClaims.Principal(caller, Scheme.Name, user.Name)
            : new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.Name, user.Name ?? "")], Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AccessRefusals.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessRefusals.ForbidAsync(Context);
}

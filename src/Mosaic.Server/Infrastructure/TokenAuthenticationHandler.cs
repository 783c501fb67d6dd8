using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Core.Access;

namespace Mosaic.Server.Infrastructure;

/// <summary><c>Authorization: Bearer mosaic_…</c>: an API token issued by <c>mosaic users token</c>, checked against its stored hash.</summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MosaicDatabase database)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        var user = await Authentication.FromTokenAsync(await database.ForRequestAsync(Context), secret, Context.RequestAborted);
        // The secret is never logged or echoed: a failure says only that the token is not valid.
        return user is null
            ? AuthenticateResult.Fail("the API token is not valid (unknown, revoked, or its user is disabled)")
            : AuthenticateResult.Success(new AuthenticationTicket(MosaicClaims.Principal(user, SchemeName), SchemeName));
    }
}

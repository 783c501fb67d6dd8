using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// Cookie behaviour for an API: 401/403 problems instead of redirects, and every request re-checks the account so a
/// disabled user, or a changed role or scope, takes effect at once rather than when the cookie expires.
/// </summary>
internal static class CookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnRedirectToLogin = context => Problem(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in first",
            "sign in with POST /api/auth/sign-in, or send an API token as 'Authorization: Bearer …'"),
        OnRedirectToAccessDenied = context => Problem(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed",
            "your role does not allow this"),
        OnValidatePrincipal = Validate,
    };

    private static async Task Validate(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var database = context.HttpContext.RequestServices.GetRequiredService<MosaicDatabase>();
        var store = await database.ForRequestAsync(context.HttpContext);
        var user = long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var userId)
            ? await store.Users.GetAsync(userId, context.HttpContext.RequestAborted)
            : null;
        if (user is null || user.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var current = CurrentUser.From(context.Principal!);
        if (current.Role != user.Role || current.Scope != user.Scope || current.UserName != user.UserName)
        {
            context.ReplacePrincipal(MosaicClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }

    private static Task Problem(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

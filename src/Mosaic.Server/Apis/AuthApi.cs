using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>Cookie sign-in for the dashboard, sign-out, the anti-forgery token, and who is signed in.</summary>
internal static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("auth");
        auth.MapGet("/antiforgery", Antiforgery).AllowAnonymous().WithSummary("An anti-forgery token for the X-CSRF-TOKEN header");
        auth.MapPost("/sign-in", SignIn).AllowAnonymous().WithSummary("Sign in with a user name and password (sets the session cookie)");
        auth.MapPost("/sign-out", SignOut).RequireAuthorization().WithSummary("End the session");
        auth.MapGet("/me", Me).RequireAuthorization().WithSummary("The signed-in user, role, scope and what the role allows");
        return api;
    }

    public static Ok<AntiforgeryToken> Antiforgery(HttpContext http, IAntiforgery antiforgery) =>
        TypedResults.Ok(new AntiforgeryToken(antiforgery.GetAndStoreTokens(http).RequestToken!, AntiforgeryCheck.HeaderName));

    public static async Task<Results<Ok<SignedInUser>, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext http, MosaicDatabase database, SignInThrottle throttle)
    {
        var name = request.UserName?.Trim() ?? "";
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(name, client) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins",
                detail: $"try again in {Math.Ceiling(wait.TotalMinutes)} minute(s)");
        }
        UserAccount? user;
        using (var store = await database.OpenAsync(http.RequestAborted))
            user = await Authentication.SignInAsync(store, name, request.Password ?? "", http.RequestAborted);
        if (user is null)
        {
            throttle.Failed(name, client);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "the user name or password is wrong, or the account is disabled");
        }
        throttle.Succeeded(name);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, MosaicClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Ok(SignedInUser.Of(new CurrentUser(user.Id, user.UserName, user.Role, user.Scope)));
    }

    public static async Task<NoContent> SignOut(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static Ok<SignedInUser> Me(HttpContext http) => TypedResults.Ok(SignedInUser.Of(CurrentUser.From(http.User)));
}

/// <summary>A sign-in.</summary>
internal sealed record SignInRequest(string? UserName, string? Password);

/// <summary>An anti-forgery token and the header to send it in.</summary>
internal sealed record AntiforgeryToken(string Token, string HeaderName);

/// <summary>The signed-in user and the capabilities of the role (the dashboard shows only what they allow).</summary>
internal sealed record SignedInUser(string UserName, string Role, string? Scope, IReadOnlyList<string> Capabilities)
{
    public static SignedInUser Of(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new SignedInUser(user.UserName, Roles.Code(user.Role), user.Scope,
            [.. Enum.GetValues<Capability>().Where(user.Can).Select(c => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString()))]);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>Accounts, for administrators: the same use cases as <c>mosaic users</c>.</summary>
internal static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("users").RequireCapability(Capability.ManageUsers);
        users.MapGet("/", List).WithSummary("Every account");
        users.MapPost("/", Add).WithSummary("Add an account (a password is generated and returned once when none is given)");
        users.MapPost("/{userName}/disable", Disable).WithSummary("Disable an account: its sessions and tokens stop working");
        users.MapPost("/{userName}/enable", Enable).WithSummary("Enable a disabled account");
        users.MapPost("/{userName}/tokens", IssueToken).WithSummary("Issue an API token (its secret is returned once)");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<UserReport>>> List(MosaicDatabase database, CancellationToken cancellationToken)
    {
        using var store = await database.OpenAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<UserReport>>([.. (await store.Users.ListAsync(cancellationToken)).Select(UserReport.Of)]);
    }

    public static async Task<Results<Created<AddedAccountReport>, ProblemHttpResult>> Add(NewUserRequest request, MosaicDatabase database, CancellationToken cancellationToken)
    {
        if (!Roles.TryParse(request.Role, out var role))
            return Problems.BadRequest($"role must be one of {string.Join(", ", Roles.All.Select(Roles.Code))} (got '{request.Role}')");
        using var store = await database.OpenAsync(cancellationToken);
        try
        {
            var added = await UserAdministration.AddAsync(store, new NewUser(request.UserName ?? "", role, request.Scope, request.Password),
                cancellationToken: cancellationToken);
            return TypedResults.Created($"/api/users/{added.User.UserName}", new AddedAccountReport(UserReport.Of(added.User), added.GeneratedPassword));
        }
        catch (AccountException ex)
        {
            return ex.Message.Contains("already exists", StringComparison.Ordinal) ? Problems.Conflict(ex.Message) : Problems.BadRequest(ex.Message);
        }
    }

    public static Task<Results<Ok<UserReport>, ProblemHttpResult>> Disable(string userName, MosaicDatabase database, CancellationToken cancellationToken) =>
        SetDisabled(userName, true, database, cancellationToken);

    public static Task<Results<Ok<UserReport>, ProblemHttpResult>> Enable(string userName, MosaicDatabase database, CancellationToken cancellationToken) =>
        SetDisabled(userName, false, database, cancellationToken);

    public static async Task<Results<Ok<IssuedTokenReport>, ProblemHttpResult>> IssueToken(string userName, NewTokenRequest? request, MosaicDatabase database,
        CancellationToken cancellationToken)
    {
        using var store = await database.OpenAsync(cancellationToken);
        try
        {
            var issued = await UserAdministration.IssueTokenAsync(store, userName, request?.Name, cancellationToken: cancellationToken);
            return TypedResults.Ok(new IssuedTokenReport(issued.User.UserName, issued.Token.Name, issued.Secret));
        }
        catch (AccountException ex)
        {
            return Problems.NotFound("No such user", ex.Message);
        }
    }

    private static async Task<Results<Ok<UserReport>, ProblemHttpResult>> SetDisabled(string userName, bool disabled, MosaicDatabase database,
        CancellationToken cancellationToken)
    {
        using var store = await database.OpenAsync(cancellationToken);
        try
        {
            return TypedResults.Ok(UserReport.Of(await UserAdministration.SetDisabledAsync(store, userName, disabled, cancellationToken)));
        }
        catch (AccountException ex)
        {
            return Problems.NotFound("No such user", ex.Message);
        }
    }
}

/// <summary>An account to add.</summary>
internal sealed record NewUserRequest(string? UserName, string? Role, string? Scope, string? Password);

/// <summary>A token to issue.</summary>
internal sealed record NewTokenRequest(string? Name);

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

    public static Ok<IReadOnlyList<UserReport>> List(MosaicDatabase database)
    {
        using var store = database.Open();
        return TypedResults.Ok<IReadOnlyList<UserReport>>([.. store.Users.List().Select(UserReport.Of)]);
    }

    public static Results<Created<AddedAccountReport>, ProblemHttpResult> Add(NewUserRequest request, MosaicDatabase database)
    {
        if (!Roles.TryParse(request.Role, out var role))
            return Problems.BadRequest($"role must be one of {string.Join(", ", Roles.All.Select(Roles.Code))} (got '{request.Role}')");
        using var store = database.Open();
        try
        {
            var added = UserAdministration.Add(store, new NewUser(request.UserName ?? "", role, request.Scope, request.Password));
            return TypedResults.Created($"/api/users/{added.User.UserName}", new AddedAccountReport(UserReport.Of(added.User), added.GeneratedPassword));
        }
        catch (AccountException ex)
        {
            return ex.Message.Contains("already exists", StringComparison.Ordinal) ? Problems.Conflict(ex.Message) : Problems.BadRequest(ex.Message);
        }
    }

    public static Results<Ok<UserReport>, ProblemHttpResult> Disable(string userName, MosaicDatabase database) => SetDisabled(userName, true, database);

    public static Results<Ok<UserReport>, ProblemHttpResult> Enable(string userName, MosaicDatabase database) => SetDisabled(userName, false, database);

    public static Results<Ok<IssuedTokenReport>, ProblemHttpResult> IssueToken(string userName, NewTokenRequest? request, MosaicDatabase database)
    {
        using var store = database.Open();
        try
        {
            var issued = UserAdministration.IssueToken(store, userName, request?.Name);
            return TypedResults.Ok(new IssuedTokenReport(issued.User.UserName, issued.Token.Name, issued.Secret));
        }
        catch (AccountException ex)
        {
            return Problems.NotFound("No such user", ex.Message);
        }
    }

    private static Results<Ok<UserReport>, ProblemHttpResult> SetDisabled(string userName, bool disabled, MosaicDatabase database)
    {
        using var store = database.Open();
        try
        {
            return TypedResults.Ok(UserReport.Of(UserAdministration.SetDisabled(store, userName, disabled)));
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

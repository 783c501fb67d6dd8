using System.Text.RegularExpressions;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Access;

/// <summary>
/// The account use cases shared by <c>mosaic users</c> and the users API: add, list, disable, issue tokens, and the
/// first administrator (whose password is generated and shown once, never a fixed default).
/// </summary>
public static partial class UserAdministration
{
    /// <summary>The first administrator's name.</summary>
    public const string FirstAdminName = "admin";

    /// <summary>Adds an account. A null password is generated and returned once in the result.</summary>
    public static async Task<AddedUser> AddAsync(IMosaicStore store, NewUser request, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var name = request.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(name))
            throw new AccountException($"'{request.UserName}' is not a valid user name: use 2 to 64 letters, digits, '.', '-', '_' or '@'");
        var scope = string.IsNullOrWhiteSpace(request.Scope) ? null : request.Scope.Trim();
        if (scope is not null && await store.Areas.GetAsync(scope, cancellationToken) is null)
            throw new AccountException($"scope '{scope}' is not an area in this database (import the areas first)");
        var password = request.Password;
        var generated = password is null;
        if (generated)
            password = Passwords.Generate();
        else if (Passwords.Check(password) is { } problem)
            throw new AccountException(problem);
        var at = (clock ?? TimeProvider.System).GetUtcNow();
        try
        {
            var user = store.Users.Add(new UserAccount(0, name, request.Role, scope, Passwords.Hash(password!), false, at));
            return new AddedUser(user, generated ? password : null);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict)
        {
            throw new AccountException(ex.Message);
        }
    }

    /// <summary>
    /// Creates the administrator <c>admin</c> (every area) with a generated password when the database has no
    /// account yet; null when it has one.
    /// </summary>
    public static async Task<AddedUser?> EnsureFirstAdminAsync(IMosaicStore store, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Users.Count() > 0)
            return null;
        return await AddAsync(store, new NewUser(FirstAdminName, Role.Admin, null, null), clock, cancellationToken);
    }

    /// <summary>Gives an account a new generated password (returned once); the old one stops working.</summary>
    public static AddedUser ResetPassword(IMosaicStore store, string userName)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = store.Users.Find(userName) ?? throw new AccountException($"no user named '{userName}'");
        var password = Passwords.Generate();
        store.Users.SetPasswordHash(user.Id, Passwords.Hash(password));
        return new AddedUser(user, password);
    }

    /// <summary>Disables (or re-enables) an account: it can no longer sign in, and its tokens stop working.</summary>
    public static UserAccount SetDisabled(IMosaicStore store, string userName, bool disabled)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.Users.SetDisabled(userName, disabled))
            throw new AccountException($"no user named '{userName}'");
        return store.Users.Find(userName)!;
    }

    /// <summary>Issues an API token for a user; the secret is in the result and nowhere else.</summary>
    public static IssuedToken IssueToken(IMosaicStore store, string userName, string? tokenName, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = store.Users.Find(userName) ?? throw new AccountException($"no user named '{userName}'");
        if (user.Disabled)
            throw new AccountException($"user '{user.UserName}' is disabled");
        var secret = ApiTokens.NewSecret();
        var name = string.IsNullOrWhiteSpace(tokenName) ? "api" : tokenName.Trim();
        var info = store.Users.AddToken(user.Id, name, ApiTokens.Hash(secret), (clock ?? TimeProvider.System).GetUtcNow());
        return new IssuedToken(user, info, secret);
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{2,64}$")]
    private static partial Regex UserNamePattern();
}

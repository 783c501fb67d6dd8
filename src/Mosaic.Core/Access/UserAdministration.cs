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
            var user = await store.Users.AddAsync(new UserAccount(0, name, request.Role, scope, Passwords.Hash(password!), false, at), cancellationToken);
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
        if (await store.Users.CountAsync(cancellationToken) > 0)
            return null;
        return await AddAsync(store, new NewUser(FirstAdminName, Role.Admin, null, null), clock, cancellationToken);
    }

    /// <summary>Gives an account a new generated password (returned once); the old one stops working.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="userName">The account.</param>
    /// <param name="cancellationToken">Passed to the store's calls.</param>
    public static async Task<AddedUser> ResetPasswordAsync(IMosaicStore store, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = await store.Users.FindAsync(userName, cancellationToken) ?? throw new AccountException($"no user named '{userName}'");
        var password = Passwords.Generate();
        await store.Users.SetPasswordHashAsync(user.Id, Passwords.Hash(password), cancellationToken);
        return new AddedUser(user, password);
    }

    /// <summary>Disables (or re-enables) an account: it can no longer sign in, and its tokens stop working.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="userName">The account.</param>
    /// <param name="disabled">Whether it is disabled afterwards.</param>
    /// <param name="cancellationToken">Passed to the store's calls.</param>
    public static async Task<UserAccount> SetDisabledAsync(IMosaicStore store, string userName, bool disabled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!await store.Users.SetDisabledAsync(userName, disabled, cancellationToken))
            throw new AccountException($"no user named '{userName}'");
        return (await store.Users.FindAsync(userName, cancellationToken))!;
    }

    /// <summary>Issues an API token for a user; the secret is in the result and nowhere else.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="userName">The account.</param>
    /// <param name="tokenName">The token's label (default <c>api</c>).</param>
    /// <param name="clock">The clock (tests pass their own).</param>
    /// <param name="cancellationToken">Passed to the store's calls.</param>
    public static async Task<IssuedToken> IssueTokenAsync(IMosaicStore store, string userName, string? tokenName, TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = await store.Users.FindAsync(userName, cancellationToken) ?? throw new AccountException($"no user named '{userName}'");
        if (user.Disabled)
            throw new AccountException($"user '{user.UserName}' is disabled");
        var secret = ApiTokens.NewSecret();
        var name = string.IsNullOrWhiteSpace(tokenName) ? "api" : tokenName.Trim();
        var info = await store.Users.AddTokenAsync(user.Id, name, ApiTokens.Hash(secret), (clock ?? TimeProvider.System).GetUtcNow(), cancellationToken);
        return new IssuedToken(user, info, secret);
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{2,64}$")]
    private static partial Regex UserNamePattern();
}

using Mosaic.Core.Storage;

namespace Mosaic.Core.Access;

/// <summary>Checks a password or an API token against the store.</summary>
public static class Authentication
{
    // Verified when the user name is unknown, so a wrong name costs as long as a wrong password (no user enumeration by timing).
    private static readonly string s_decoyHash = Passwords.Hash(Passwords.Generate());

    /// <summary>The account when the name and password match an enabled account, else null.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="userName">The sign-in name.</param>
    /// <param name="password">The password given.</param>
    /// <param name="cancellationToken">Passed to the store's calls.</param>
    public static async Task<UserAccount?> SignInAsync(IMosaicStore store, string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = string.IsNullOrWhiteSpace(userName) ? null : await store.Users.FindAsync(userName.Trim(), cancellationToken);
        if (!Passwords.Verify(user?.PasswordHash ?? s_decoyHash, password ?? "", out var rehash) || user is null || user.Disabled)
            return null;
        if (rehash is not null)
            await store.Users.SetPasswordHashAsync(user.Id, rehash, cancellationToken);
        return user;
    }

    /// <summary>The owner of a valid, unrevoked token whose account is enabled, else null.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="secret">The token presented.</param>
    /// <param name="cancellationToken">Passed to the store's call.</param>
    public static async Task<UserAccount?> FromTokenAsync(IMosaicStore store, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ApiTokens.LooksLikeToken(secret))
            return null;
        return await store.Users.FindTokenAsync(ApiTokens.Hash(secret), cancellationToken) is { } found && !found.Token.Revoked && !found.User.Disabled
            ? found.User
            : null;
    }
}

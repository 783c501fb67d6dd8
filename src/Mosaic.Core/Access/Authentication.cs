using Mosaic.Core.Storage;

namespace Mosaic.Core.Access;

/// <summary>Checks a password or an API token against the store.</summary>
public static class Authentication
{
    // Verified when the user name is unknown, so a wrong name costs as long as a wrong password (no user enumeration by timing).
    private static readonly string s_decoyHash = Passwords.Hash(Passwords.Generate());

    /// <summary>The account when the name and password match an enabled account, else null.</summary>
    public static UserAccount? SignIn(IMosaicStore store, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = string.IsNullOrWhiteSpace(userName) ? null : store.Users.Find(userName.Trim());
        if (!Passwords.Verify(user?.PasswordHash ?? s_decoyHash, password ?? "", out var rehash) || user is null || user.Disabled)
            return null;
        if (rehash is not null)
            store.Users.SetPasswordHash(user.Id, rehash);
        return user;
    }

    /// <summary>The owner of a valid, unrevoked token whose account is enabled, else null.</summary>
    public static UserAccount? FromToken(IMosaicStore store, string secret)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ApiTokens.LooksLikeToken(secret))
            return null;
        return store.Users.FindToken(ApiTokens.Hash(secret)) is { } found && !found.Token.Revoked && !found.User.Disabled
            ? found.User
            : null;
    }
}

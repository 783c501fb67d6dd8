using Mosaic.Core.Access;

namespace Mosaic.Core.Storage;

/// <summary>
/// Accounts and API tokens (DESIGN §7). User names are unique case-insensitively. Token secrets are never stored:
/// callers pass the SHA-256 of the secret (<see cref="ApiTokens.Hash"/>).
/// </summary>
public interface IUserStore
{
    /// <summary>Adds an account and returns it with its id; a taken name (in any case) throws a <see cref="StoreException"/> of <see cref="StoreFailure.Conflict"/>.</summary>
    UserAccount Add(UserAccount user);

    /// <summary>The account with this name (case-insensitive), or null.</summary>
    UserAccount? Find(string userName);

    UserAccount? Get(long id);

    /// <summary>Every account, ordered by name.</summary>
    IReadOnlyList<UserAccount> List();

    long Count();

    /// <summary>Disables or enables an account; false when there is no such account.</summary>
    bool SetDisabled(string userName, bool disabled);

    /// <summary>Replaces an account's password hash (a rehash after sign-in, or a reset); false when there is no such account.</summary>
    bool SetPasswordHash(long userId, string passwordHash);

    /// <summary>Stores a token for a user and returns its description with its id.</summary>
    ApiTokenInfo AddToken(long userId, string name, byte[] secretHash, DateTimeOffset createdAt);

    /// <summary>The token with this secret hash and its owner, or null (revoked tokens included: the caller decides).</summary>
    (ApiTokenInfo Token, UserAccount User)? FindToken(byte[] secretHash);

    /// <summary>A user's tokens, newest first.</summary>
    IReadOnlyList<ApiTokenInfo> ListTokens(long userId);

    /// <summary>Revokes a token; false when there is no such token.</summary>
    bool RevokeToken(long tokenId);
}

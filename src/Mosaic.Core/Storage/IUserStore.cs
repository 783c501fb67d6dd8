using Mosaic.Core.Access;

namespace Mosaic.Core.Storage;

/// <summary>
/// Accounts and API tokens (DESIGN §7). User names are unique case-insensitively. Token secrets are never stored:
/// callers pass the SHA-256 of the secret (<see cref="ApiTokens.Hash"/>).
/// </summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>), a cancelled write changes nothing,
/// and the unit of work stays usable. The rules of <see cref="IMosaicStore"/> apply (one caller at a time).
/// </remarks>
public interface IUserStore
{
    /// <summary>Adds an account and returns it with its id; a taken name (in any case) throws a <see cref="StoreException"/> of <see cref="StoreFailure.Conflict"/>.</summary>
    /// <param name="user">The account (its id is ignored).</param>
    /// <param name="cancellationToken">Stops the write.</param>
    Task<UserAccount> AddAsync(UserAccount user, CancellationToken cancellationToken = default);

    /// <summary>The account with this name (case-insensitive), or null.</summary>
    /// <param name="userName">The sign-in name.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>The account with this id, or null.</summary>
    /// <param name="id">The account id.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<UserAccount?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every account, ordered by name.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The number of accounts.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Disables or enables an account; false when there is no such account.</summary>
    /// <param name="userName">The sign-in name (case-insensitive).</param>
    /// <param name="disabled">Whether the account is disabled afterwards.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken = default);

    /// <summary>Replaces an account's password hash (a rehash after sign-in, or a reset); false when there is no such account.</summary>
    /// <param name="userId">The account id.</param>
    /// <param name="passwordHash">The new hash.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    Task<bool> SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Stores a token for a user and returns its description with its id.</summary>
    /// <param name="userId">The owner.</param>
    /// <param name="name">The token's label.</param>
    /// <param name="secretHash">The SHA-256 of the secret.</param>
    /// <param name="createdAt">When it was issued.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    Task<ApiTokenInfo> AddTokenAsync(long userId, string name, byte[] secretHash, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>The token with this secret hash and its owner, or null (revoked tokens included: the caller decides).</summary>
    /// <param name="secretHash">The SHA-256 of the secret presented.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<(ApiTokenInfo Token, UserAccount User)?> FindTokenAsync(byte[] secretHash, CancellationToken cancellationToken = default);

    /// <summary>A user's tokens, newest first.</summary>
    /// <param name="userId">The owner.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token; false when there is no such token.</summary>
    /// <param name="tokenId">The token id.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    Task<bool> RevokeTokenAsync(long tokenId, CancellationToken cancellationToken = default);
}

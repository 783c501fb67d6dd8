using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Access;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

/// <summary>Accounts in <c>app_user</c> (names unique with NOCASE) and tokens in <c>api_token</c>.</summary>
internal sealed class SqliteUserStore(SqliteConnection connection) : IUserStore
{
    private const string UserColumns = "u.id, u.user_name, u.role, u.scope, u.password_hash, u.disabled, u.created_at";

    // SQLite runs in-process: each call does its work on the caller's thread and returns a completed task, after
    // checking the token (a cancelled write is never begun, so it commits nothing).

    public Task<UserAccount> AddAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<UserAccount>(Add(user));
    }

    public Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<UserAccount?>(Find(userName));
    }

    public Task<UserAccount?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<UserAccount?>(Get(id));
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<UserAccount>>(List());
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<long>(Count());
    }

    public Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<bool>(SetDisabled(userName, disabled));
    }

    public Task<bool> SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<bool>(SetPasswordHash(userId, passwordHash));
    }

    public Task<ApiTokenInfo> AddTokenAsync(long userId, string name, byte[] secretHash, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<ApiTokenInfo>(AddToken(userId, name, secretHash, createdAt));
    }

    public Task<(ApiTokenInfo Token, UserAccount User)?> FindTokenAsync(byte[] secretHash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<(ApiTokenInfo Token, UserAccount User)?>(FindToken(secretHash));
    }

    public Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(long userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ApiTokenInfo>>(ListTokens(userId));
    }

    public Task<bool> RevokeTokenAsync(long tokenId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<bool>(RevokeToken(tokenId));
    }

    private UserAccount Add(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        try
        {
            var id = (long)connection.ExecuteScalar(
                "INSERT INTO app_user (user_name, role, scope, password_hash, disabled, created_at) VALUES ($n, $r, $s, $h, $d, $at) RETURNING id", null,
                ("$n", user.UserName), ("$r", Roles.Code(user.Role)), ("$s", user.Scope.Db()), ("$h", user.PasswordHash),
                ("$d", user.Disabled ? 1L : 0L), ("$at", Time(user.CreatedAt)))!;
            return user with { Id = id, CreatedAt = user.CreatedAt.ToUniversalTime() };
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new StoreException(StoreFailure.Conflict, $"a user named '{user.UserName}' already exists", ex);
        }
    }

    private UserAccount? Find(string userName) => One($"SELECT {UserColumns} FROM app_user u WHERE u.user_name = $v", userName);

    private UserAccount? Get(long id) => One($"SELECT {UserColumns} FROM app_user u WHERE u.id = $v", id);

    private List<UserAccount> List()
    {
        using var cmd = connection.CreateCommand($"SELECT {UserColumns} FROM app_user u ORDER BY u.user_name COLLATE NOCASE", null);
        using var r = cmd.ExecuteReader();
        var result = new List<UserAccount>();
        while (r.Read())
            result.Add(ReadUser(r, 0));
        return result;
    }

    private long Count() => (long)connection.ExecuteScalar("SELECT count(*) FROM app_user")!;

    private bool SetDisabled(string userName, bool disabled) =>
        connection.Execute("UPDATE app_user SET disabled = $d WHERE user_name = $n", null, ("$d", disabled ? 1L : 0L), ("$n", userName)) > 0;

    private bool SetPasswordHash(long userId, string passwordHash) =>
        connection.Execute("UPDATE app_user SET password_hash = $h WHERE id = $i", null, ("$h", passwordHash), ("$i", userId)) > 0;

    private ApiTokenInfo AddToken(long userId, string name, byte[] secretHash, DateTimeOffset createdAt)
    {
        var id = (long)connection.ExecuteScalar(
            "INSERT INTO api_token (user_id, name, secret_hash, created_at) VALUES ($u, $n, $h, $at) RETURNING id", null,
            ("$u", userId), ("$n", name), ("$h", secretHash), ("$at", Time(createdAt)))!;
        return new ApiTokenInfo(id, userId, name, createdAt.ToUniversalTime(), false);
    }

    private (ApiTokenInfo Token, UserAccount User)? FindToken(byte[] secretHash)
    {
        using var cmd = connection.CreateCommand(
            $"SELECT t.id, t.user_id, t.name, t.created_at, t.revoked, {UserColumns} FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.secret_hash = $h",
            null, ("$h", secretHash));
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            return null;
        return (ReadToken(r), ReadUser(r, 5));
    }

    private List<ApiTokenInfo> ListTokens(long userId)
    {
        using var cmd = connection.CreateCommand(
            "SELECT id, user_id, name, created_at, revoked FROM api_token WHERE user_id = $u ORDER BY id DESC", null, ("$u", userId));
        using var r = cmd.ExecuteReader();
        var result = new List<ApiTokenInfo>();
        while (r.Read())
            result.Add(ReadToken(r));
        return result;
    }

    private bool RevokeToken(long tokenId) =>
        connection.Execute("UPDATE api_token SET revoked = 1 WHERE id = $i", null, ("$i", tokenId)) > 0;

    private UserAccount? One(string sql, object value)
    {
        using var cmd = connection.CreateCommand(sql, null, ("$v", value));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadUser(r, 0) : null;
    }

    private static UserAccount ReadUser(SqliteDataReader r, int at)
    {
        if (!Roles.TryParse(r.GetString(at + 2), out var role))
            throw new InvalidDataException($"app_user {r.GetInt64(at)} has an unknown role '{r.GetString(at + 2)}'");
        return new UserAccount(r.GetInt64(at), r.GetString(at + 1), role, r.GetNullableString(at + 3), r.GetString(at + 4),
            r.GetInt64(at + 5) != 0, ParseTime(r.GetString(at + 6)));
    }

    private static ApiTokenInfo ReadToken(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), ParseTime(r.GetString(3)), r.GetInt64(4) != 0);

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

using Mosaic.Core.Access;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>Accounts in <c>app_user</c> (names unique case-insensitively by an index on lower(name)) and tokens in <c>api_token</c>.</summary>
internal sealed class PostgresUserStore(NpgsqlDataSource dataSource) : IUserStore
{
    private const string UserColumns = "u.id, u.user_name, u.role, u.scope, u.password_hash, u.disabled, u.created_at";

    public async Task<UserAccount> AddAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = (long)(await connection.ScalarAsync(
                "INSERT INTO app_user (user_name, role, scope, password_hash, disabled, created_at) VALUES (@n, @r, @s, @h, @d, @at) RETURNING id", null, cancellationToken, ("n", user.UserName), ("r", Roles.Code(user.Role)), ("s", user.Scope), ("h", user.PasswordHash), ("d", user.Disabled), ("at", user.CreatedAt.ToUniversalTime())).ConfigureAwait(false))!;
            return user with { Id = id, CreatedAt = user.CreatedAt.ToUniversalTime() };
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new StoreException(StoreFailure.Conflict, $"a user named '{user.UserName}' already exists", ex);
        }
    }

    public Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken = default) => OneAsync($"SELECT {UserColumns} FROM app_user u WHERE lower(u.user_name) = lower(@v)", userName, cancellationToken);

    public Task<UserAccount?> GetAsync(long id, CancellationToken cancellationToken = default) => OneAsync($"SELECT {UserColumns} FROM app_user u WHERE u.id = @v", id, cancellationToken);

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {UserColumns} FROM app_user u ORDER BY lower(u.user_name)", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<UserAccount>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            result.Add(ReadUser(r, 0));
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (long)(await connection.ScalarAsync("SELECT count(*) FROM app_user", null, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.ExecuteAsync("UPDATE app_user SET disabled = @d WHERE lower(user_name) = lower(@n)", null, cancellationToken, ("d", disabled), ("n", userName)).ConfigureAwait(false)) > 0;
    }

    public async Task<bool> SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.ExecuteAsync("UPDATE app_user SET password_hash = @h WHERE id = @i", null, cancellationToken, ("h", passwordHash), ("i", userId)).ConfigureAwait(false)) > 0;
    }

    public async Task<ApiTokenInfo> AddTokenAsync(long userId, string name, byte[] secretHash, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var id = (long)(await connection.ScalarAsync(
            "INSERT INTO api_token (user_id, name, secret_hash, created_at) VALUES (@u, @n, @h, @at) RETURNING id", null, cancellationToken, ("u", userId), ("n", name), ("h", secretHash), ("at", createdAt.ToUniversalTime())).ConfigureAwait(false))!;
        return new ApiTokenInfo(id, userId, name, createdAt.ToUniversalTime(), false);
    }

    public async Task<(ApiTokenInfo Token, UserAccount User)?> FindTokenAsync(byte[] secretHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            $"SELECT t.id, t.user_id, t.name, t.created_at, t.revoked, {UserColumns} FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.secret_hash = @h",
            null, ("h", secretHash));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        return (ReadToken(r), ReadUser(r, 5));
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT id, user_id, name, created_at, revoked FROM api_token WHERE user_id = @u ORDER BY id DESC", null, ("u", userId));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ApiTokenInfo>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            result.Add(ReadToken(r));
        return result;
    }

    public async Task<bool> RevokeTokenAsync(long tokenId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.ExecuteAsync("UPDATE api_token SET revoked = true WHERE id = @i", null, cancellationToken, ("i", tokenId)).ConfigureAwait(false)) > 0;
    }

    private async Task<UserAccount?> OneAsync(string sql, object value, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(sql, null, ("v", value));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadUser(r, 0) : null;
    }

    private static UserAccount ReadUser(NpgsqlDataReader r, int at)
    {
        if (!Roles.TryParse(r.GetString(at + 2), out var role))
            throw new InvalidDataException($"app_user {r.GetInt64(at)} has an unknown role '{r.GetString(at + 2)}'");
        return new UserAccount(r.GetInt64(at), r.GetString(at + 1), role, r.GetNullableString(at + 3), r.GetString(at + 4), r.GetBoolean(at + 5), r.GetInstant(at + 6));
    }

    private static ApiTokenInfo ReadToken(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInstant(3), r.GetBoolean(4));
}

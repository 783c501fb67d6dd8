using Mosaic.Core.Access;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>Accounts in <c>app_user</c> (names unique case-insensitively by an index on lower(name)) and tokens in <c>api_token</c>.</summary>
internal sealed class PostgresUserStore(NpgsqlDataSource dataSource) : IUserStore
{
    private const string UserColumns = "u.id, u.user_name, u.role, u.scope, u.password_hash, u.disabled, u.created_at";

    public UserAccount Add(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var connection = dataSource.OpenConnection();
        try
        {
            var id = (long)connection.Scalar(
                "INSERT INTO app_user (user_name, role, scope, password_hash, disabled, created_at) VALUES (@n, @r, @s, @h, @d, @at) RETURNING id", null,
                ("n", user.UserName), ("r", Roles.Code(user.Role)), ("s", user.Scope), ("h", user.PasswordHash), ("d", user.Disabled),
                ("at", user.CreatedAt.ToUniversalTime()))!;
            return user with { Id = id, CreatedAt = user.CreatedAt.ToUniversalTime() };
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new StoreException(StoreFailure.Conflict, $"a user named '{user.UserName}' already exists", ex);
        }
    }

    public UserAccount? Find(string userName) => One($"SELECT {UserColumns} FROM app_user u WHERE lower(u.user_name) = lower(@v)", userName);

    public UserAccount? Get(long id) => One($"SELECT {UserColumns} FROM app_user u WHERE u.id = @v", id);

    public IReadOnlyList<UserAccount> List()
    {
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command($"SELECT {UserColumns} FROM app_user u ORDER BY lower(u.user_name)", null);
        using var r = cmd.ExecuteReader();
        var result = new List<UserAccount>();
        while (r.Read())
            result.Add(ReadUser(r, 0));
        return result;
    }

    public long Count()
    {
        using var connection = dataSource.OpenConnection();
        return (long)connection.Scalar("SELECT count(*) FROM app_user")!;
    }

    public bool SetDisabled(string userName, bool disabled)
    {
        using var connection = dataSource.OpenConnection();
        return connection.Execute("UPDATE app_user SET disabled = @d WHERE lower(user_name) = lower(@n)", null, ("d", disabled), ("n", userName)) > 0;
    }

    public bool SetPasswordHash(long userId, string passwordHash)
    {
        using var connection = dataSource.OpenConnection();
        return connection.Execute("UPDATE app_user SET password_hash = @h WHERE id = @i", null, ("h", passwordHash), ("i", userId)) > 0;
    }

    public ApiTokenInfo AddToken(long userId, string name, byte[] secretHash, DateTimeOffset createdAt)
    {
        using var connection = dataSource.OpenConnection();
        var id = (long)connection.Scalar(
            "INSERT INTO api_token (user_id, name, secret_hash, created_at) VALUES (@u, @n, @h, @at) RETURNING id", null,
            ("u", userId), ("n", name), ("h", secretHash), ("at", createdAt.ToUniversalTime()))!;
        return new ApiTokenInfo(id, userId, name, createdAt.ToUniversalTime(), false);
    }

    public (ApiTokenInfo Token, UserAccount User)? FindToken(byte[] secretHash)
    {
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command(
            $"SELECT t.id, t.user_id, t.name, t.created_at, t.revoked, {UserColumns} FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.secret_hash = @h",
            null, ("h", secretHash));
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            return null;
        return (ReadToken(r), ReadUser(r, 5));
    }

    public IReadOnlyList<ApiTokenInfo> ListTokens(long userId)
    {
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command("SELECT id, user_id, name, created_at, revoked FROM api_token WHERE user_id = @u ORDER BY id DESC", null, ("u", userId));
        using var r = cmd.ExecuteReader();
        var result = new List<ApiTokenInfo>();
        while (r.Read())
            result.Add(ReadToken(r));
        return result;
    }

    public bool RevokeToken(long tokenId)
    {
        using var connection = dataSource.OpenConnection();
        return connection.Execute("UPDATE api_token SET revoked = true WHERE id = @i", null, ("i", tokenId)) > 0;
    }

    private UserAccount? One(string sql, object value)
    {
        using var connection = dataSource.OpenConnection();
        using var cmd = connection.Command(sql, null, ("v", value));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadUser(r, 0) : null;
    }

    private static UserAccount ReadUser(NpgsqlDataReader r, int at)
    {
        if (!Roles.TryParse(r.GetString(at + 2), out var role))
            throw new InvalidDataException($"app_user {r.GetInt64(at)} has an unknown role '{r.GetString(at + 2)}'");
        return new UserAccount(r.GetInt64(at), r.GetString(at + 1), role, r.GetNullableString(at + 3), r.GetString(at + 4), r.GetBoolean(at + 5), r.GetInstant(at + 6));
    }

    private static ApiTokenInfo ReadToken(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInstant(3), r.GetBoolean(4));
}

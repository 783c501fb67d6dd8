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

    public UserAccount Add(UserAccount user)
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

    public UserAccount? Find(string userName) => One($"SELECT {UserColumns} FROM app_user u WHERE u.user_name = $v", userName);

    public UserAccount? Get(long id) => One($"SELECT {UserColumns} FROM app_user u WHERE u.id = $v", id);

    public IReadOnlyList<UserAccount> List()
    {
        using var cmd = connection.CreateCommand($"SELECT {UserColumns} FROM app_user u ORDER BY u.user_name COLLATE NOCASE", null);
        using var r = cmd.ExecuteReader();
        var result = new List<UserAccount>();
        while (r.Read())
            result.Add(ReadUser(r, 0));
        return result;
    }

    public long Count() => (long)connection.ExecuteScalar("SELECT count(*) FROM app_user")!;

    public bool SetDisabled(string userName, bool disabled) =>
        connection.Execute("UPDATE app_user SET disabled = $d WHERE user_name = $n", null, ("$d", disabled ? 1L : 0L), ("$n", userName)) > 0;

    public bool SetPasswordHash(long userId, string passwordHash) =>
        connection.Execute("UPDATE app_user SET password_hash = $h WHERE id = $i", null, ("$h", passwordHash), ("$i", userId)) > 0;

    public ApiTokenInfo AddToken(long userId, string name, byte[] secretHash, DateTimeOffset createdAt)
    {
        var id = (long)connection.ExecuteScalar(
            "INSERT INTO api_token (user_id, name, secret_hash, created_at) VALUES ($u, $n, $h, $at) RETURNING id", null,
            ("$u", userId), ("$n", name), ("$h", secretHash), ("$at", Time(createdAt)))!;
        return new ApiTokenInfo(id, userId, name, createdAt.ToUniversalTime(), false);
    }

    public (ApiTokenInfo Token, UserAccount User)? FindToken(byte[] secretHash)
    {
        using var cmd = connection.CreateCommand(
            $"SELECT t.id, t.user_id, t.name, t.created_at, t.revoked, {UserColumns} FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.secret_hash = $h",
            null, ("$h", secretHash));
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            return null;
        return (ReadToken(r), ReadUser(r, 5));
    }

    public IReadOnlyList<ApiTokenInfo> ListTokens(long userId)
    {
        using var cmd = connection.CreateCommand(
            "SELECT id, user_id, name, created_at, revoked FROM api_token WHERE user_id = $u ORDER BY id DESC", null, ("$u", userId));
        using var r = cmd.ExecuteReader();
        var result = new List<ApiTokenInfo>();
        while (r.Read())
            result.Add(ReadToken(r));
        return result;
    }

    public bool RevokeToken(long tokenId) =>
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

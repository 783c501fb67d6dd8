using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Access;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary><c>mosaic users add|list|disable|token</c> on a real database file.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public UsersCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Add_PrintsAGeneratedPasswordOnce_ThatSignsIn_AndStoresOnlyItsHash()
    {
        var run = CliRun.Invoke("users", "add", "rahima", "--role", "manager", "--scope", "BD554909", "--db", _db, "--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var password = run.Json.GetProperty("generated_password").GetString()!;
        Assert.True(password.Length >= Passwords.MinimumLength);
        using var store = TestDb.Open(_db);
        var user = await Authentication.SignInAsync(store, "rahima", password, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(user);
        Assert.Equal((Role.Manager, "BD554909"), (user.Role, user.Scope));
        Assert.DoesNotContain(password, (await store.Users.FindAsync("rahima", cancellationToken: TestContext.Current.CancellationToken))!.PasswordHash, StringComparison.Ordinal);
        Assert.Null(await Authentication.SignInAsync(store, "rahima", password + "x", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Add_WithAnUnknownScopeOrRole_IsRefusedWithTheReason()
    {
        var scope = CliRun.Invoke("users", "add", "karim", "--role", "viewer", "--scope", "XX99", "--db", _db);
        Assert.Equal(ExitCodes.InputRejected, scope.ExitCode);
        Assert.Contains("scope 'XX99' is not an area", scope.Error, StringComparison.Ordinal);
        var role = CliRun.Invoke("users", "add", "karim", "--role", "superuser", "--db", _db);
        Assert.Equal(ExitCodes.Usage, role.ExitCode);
        Assert.Contains("--role must be one of admin, manager, analyst, enumerator, viewer", role.Error, StringComparison.Ordinal);
        Assert.Contains("no accounts yet", CliRun.Invoke("users", "list", "--db", _db).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ATakenNameInAnotherCase_IsRefused()
    {
        CliRun.Invoke("users", "add", "karim", "--role", "viewer", "--db", _db);
        var again = CliRun.Invoke("users", "add", "KARIM", "--role", "admin", "--db", _db);
        Assert.Equal(ExitCodes.InputRejected, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_ShowsRoleScopeAndState_NeverAHash()
    {
        CliRun.Invoke("users", "add", "mita", "--role", "analyst", "--db", _db);
        CliRun.Invoke("users", "add", "amin", "--role", "enumerator", "--scope", "BD55490917", "--db", _db);
        CliRun.Invoke("users", "disable", "mita", "--db", _db);
        var list = CliRun.Invoke("users", "list", "--db", _db, "--json");
        var users = list.Json.GetProperty("users").EnumerateArray().ToList();
        Assert.Equal(["amin", "mita"], users.Select(u => u.GetProperty("user_name").GetString()));
        Assert.Equal("BD55490917", users[0].GetProperty("scope").GetString());
        Assert.True(users[1].GetProperty("disabled").GetBoolean());
        Assert.DoesNotContain("AQAAAA", list.Out, StringComparison.Ordinal); // the Identity v3 hash prefix
    }

    [Fact]
    public async Task Token_IsPrintedOnce_AuthenticatesAsTheUser_AndStopsWhenTheUserIsDisabled()
    {
        CliRun.Invoke("users", "add", "script", "--role", "analyst", "--db", _db);
        var run = CliRun.Invoke("users", "token", "script", "--name", "nightly", "--db", _db);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var secret = run.Out.Trim();
        Assert.StartsWith(ApiTokens.Prefix, secret, StringComparison.Ordinal);
        using (var store = TestDb.Open(_db))
            Assert.Equal("script", (await Authentication.FromTokenAsync(store, secret, cancellationToken: TestContext.Current.CancellationToken))?.UserName);
        Assert.Equal(ExitCodes.Success, CliRun.Invoke("users", "disable", "script", "--db", _db).ExitCode);
        using (var store = TestDb.Open(_db))
            Assert.Null(await Authentication.FromTokenAsync(store, secret, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.InputRejected, CliRun.Invoke("users", "token", "nobody", "--db", _db).ExitCode);
    }

    public void Dispose() => _dir.Dispose();
}

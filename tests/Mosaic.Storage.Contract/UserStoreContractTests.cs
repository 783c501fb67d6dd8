using Mosaic.Core.Access;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Accounts and API tokens every provider must keep: names unique case-insensitively, every field read back as
/// written, tokens found only by their secret's hash. A provider's test project derives from this class.
/// </summary>
public abstract class UserStoreContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(6));

    private static UserAccount Account(string name, Role role = Role.Analyst, string? scope = "BD554909") =>
        new(0, name, role, scope, "hash-of-" + name, false, s_at);

    [Fact]
    public async Task Users_NewStore_HasNone()
    {
        Assert.Equal(0, await Store.Users.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await Store.Users.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Users_Add_ReadsBackEveryFieldWithTimeInUtc()
    {
        var added = await Store.Users.AddAsync(Account("rahima", Role.Manager), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(added.Id > 0);
        Reopen();
        var read = await Store.Users.FindAsync("RAHIMA", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(added with { CreatedAt = new DateTimeOffset(2026, 3, 1, 4, 0, 0, TimeSpan.Zero) }, read);
        Assert.Equal(read, await Store.Users.GetAsync(added.Id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Users_SameNameInOtherCase_IsAConflict()
    {
        await Store.Users.AddAsync(Account("karim"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StoreFailure.Conflict, (await Assert.ThrowsAsync<StoreException>(async () => await Store.Users.AddAsync(Account("Karim"), cancellationToken: TestContext.Current.CancellationToken))).Failure);
        Assert.Equal(1, await Store.Users.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Users_List_IsOrderedByName()
    {
        foreach (var n in new[] { "zara", "Amin", "mita" })
            await Store.Users.AddAsync(Account(n), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["Amin", "mita", "zara"], (await Store.Users.ListAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(u => u.UserName));
    }

    [Fact]
    public async Task Users_DisableAndRehash_AreStored_AndUnknownNamesSayFalse()
    {
        var user = await Store.Users.AddAsync(Account("officer"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(await Store.Users.SetDisabledAsync("officer", true, cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await Store.Users.SetPasswordHashAsync(user.Id, "new-hash", cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await Store.Users.SetDisabledAsync("nobody", true, cancellationToken: TestContext.Current.CancellationToken));
        Reopen();
        var read = (await Store.Users.FindAsync("officer", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.True(read.Disabled);
        Assert.Equal("new-hash", read.PasswordHash);
    }

    [Fact]
    public async Task Tokens_AreFoundByTheirHashOnly_WithTheirOwner_AndRevocationIsKept()
    {
        var user = await Store.Users.AddAsync(Account("script-owner", Role.Viewer, null), cancellationToken: TestContext.Current.CancellationToken);
        var hash = ApiTokens.Hash("mosaic_secret-one");
        var token = await Store.Users.AddTokenAsync(user.Id, "nightly", hash, s_at, cancellationToken: TestContext.Current.CancellationToken);
        await Store.Users.AddTokenAsync(user.Id, "other", ApiTokens.Hash("mosaic_secret-two"), s_at.AddDays(1), cancellationToken: TestContext.Current.CancellationToken);
        Reopen();
        var found = await Store.Users.FindTokenAsync(ApiTokens.Hash("mosaic_secret-one"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal(token.Id, found.Value.Token.Id);
        Assert.Equal("nightly", found.Value.Token.Name);
        Assert.Equal("script-owner", found.Value.User.UserName);
        Assert.Null(await Store.Users.FindTokenAsync(ApiTokens.Hash("mosaic_secret-three"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(["other", "nightly"], (await Store.Users.ListTokensAsync(user.Id, cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name));
        Assert.True(await Store.Users.RevokeTokenAsync(token.Id, cancellationToken: TestContext.Current.CancellationToken));
        Reopen();
        Assert.True((await Store.Users.FindTokenAsync(hash, cancellationToken: TestContext.Current.CancellationToken))!.Value.Token.Revoked);
    }
}

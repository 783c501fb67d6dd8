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
    public void Users_NewStore_HasNone()
    {
        Assert.Equal(0, Store.Users.Count());
        Assert.Empty(Store.Users.List());
    }

    [Fact]
    public void Users_Add_ReadsBackEveryFieldWithTimeInUtc()
    {
        var added = Store.Users.Add(Account("rahima", Role.Manager));
        Assert.True(added.Id > 0);
        Reopen();
        var read = Store.Users.Find("RAHIMA");
        Assert.Equal(added with { CreatedAt = new DateTimeOffset(2026, 3, 1, 4, 0, 0, TimeSpan.Zero) }, read);
        Assert.Equal(read, Store.Users.Get(added.Id));
    }

    [Fact]
    public void Users_SameNameInOtherCase_IsAConflict()
    {
        Store.Users.Add(Account("karim"));
        Assert.Equal(StoreFailure.Conflict, Assert.Throws<StoreException>(() => Store.Users.Add(Account("Karim"))).Failure);
        Assert.Equal(1, Store.Users.Count());
    }

    [Fact]
    public void Users_List_IsOrderedByName()
    {
        foreach (var n in new[] { "zara", "Amin", "mita" })
            Store.Users.Add(Account(n));
        Assert.Equal(["Amin", "mita", "zara"], Store.Users.List().Select(u => u.UserName));
    }

    [Fact]
    public void Users_DisableAndRehash_AreStored_AndUnknownNamesSayFalse()
    {
        var user = Store.Users.Add(Account("officer"));
        Assert.True(Store.Users.SetDisabled("officer", true));
        Assert.True(Store.Users.SetPasswordHash(user.Id, "new-hash"));
        Assert.False(Store.Users.SetDisabled("nobody", true));
        Reopen();
        var read = Store.Users.Find("officer")!;
        Assert.True(read.Disabled);
        Assert.Equal("new-hash", read.PasswordHash);
    }

    [Fact]
    public void Tokens_AreFoundByTheirHashOnly_WithTheirOwner_AndRevocationIsKept()
    {
        var user = Store.Users.Add(Account("script-owner", Role.Viewer, null));
        var hash = ApiTokens.Hash("mosaic_secret-one");
        var token = Store.Users.AddToken(user.Id, "nightly", hash, s_at);
        Store.Users.AddToken(user.Id, "other", ApiTokens.Hash("mosaic_secret-two"), s_at.AddDays(1));
        Reopen();
        var found = Store.Users.FindToken(ApiTokens.Hash("mosaic_secret-one"));
        Assert.NotNull(found);
        Assert.Equal(token.Id, found.Value.Token.Id);
        Assert.Equal("nightly", found.Value.Token.Name);
        Assert.Equal("script-owner", found.Value.User.UserName);
        Assert.Null(Store.Users.FindToken(ApiTokens.Hash("mosaic_secret-three")));
        Assert.Equal(["other", "nightly"], Store.Users.ListTokens(user.Id).Select(t => t.Name));
        Assert.True(Store.Users.RevokeToken(token.Id));
        Reopen();
        Assert.True(Store.Users.FindToken(hash)!.Value.Token.Revoked);
    }
}

using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Contract;

/// <summary>
/// The settings every provider keeps (issue 15), and the base age bands kept in them: a value read back from another
/// unit of work as written, replaced by a later write; a base changed only to groups of itself once households exist.
/// A provider's test project derives from this class.
/// </summary>
public abstract class DatabaseSettingsContractTests(IStoreProvider provider) : ContractTestBase(provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IDatabaseSettings Settings => DatabaseSettings.Of(Store);

    [Fact]
    public async Task Settings_NeverSet_ReadAsNull()
    {
        Assert.Null(await Settings.ReadSettingAsync("base_age_bands", Token));
        Assert.Equal(AgeBandPolicy.BuiltIn, await AgeBandPolicies.ReadAsync(Store, Token));
    }

    [Fact]
    public async Task Settings_ReadBackFromAnotherUnitOfWork_TheLatestWriteWins()
    {
        await Settings.WriteSettingAsync("a", "first", Token);
        await Settings.WriteSettingAsync("b", "other", Token);
        await Settings.WriteSettingAsync("a", "second", Token);
        Reopen();
        Assert.Equal("second", await Settings.ReadSettingAsync("a", Token));
        Assert.Equal("other", await Settings.ReadSettingAsync("b", Token));
    }

    [Fact]
    public async Task Settings_ACancelledWrite_ChangesNothing()
    {
        await Settings.WriteSettingAsync("a", "kept", Token);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Settings.WriteSettingAsync("a", "lost", cancelled.Token));
        Assert.Equal("kept", await Settings.ReadSettingAsync("a", Token));
    }

    [Fact]
    public async Task BaseAgeBands_OnAnEmptyRegistry_AnyBaseMaySet_AndIsReadByTheNextCommand()
    {
        // School ages: not groups of the built-in five-year base (6 and 12 are not its boundaries).
        await AgeBandPolicies.SetAsync(Store, AgeBands.Parse("0-5,6-11,12-17,18-59,60+"), Token);
        Reopen();
        var policy = await AgeBandPolicies.ReadAsync(Store, Token);
        Assert.True(policy.Configured);
        Assert.Equal("0-5,6-11,12-17,18-59,60+", policy.Base.ToString());
        // DESIGN's 0-4,5-17,... is not a grouping of it, so a table without bands takes the base itself.
        Assert.Equal("0-5,6-11,12-17,18-59,60+", policy.DefaultBands.ToString());
        Assert.True(policy.Admits(AgeBands.Parse("0-11,12-17,18+")));
        Assert.False(policy.Admits(AgeBands.Parse("0-4,5-17,18-59,60+")));
    }

    [Fact]
    public async Task BaseAgeBands_OnceHouseholdsExist_OnlyGroupsOfTheCurrentBase_AreAccepted()
    {
        await SeedAreas();
        await ImportAsync(Fixtures.ReturneeFamily());
        var shifted = await Assert.ThrowsAsync<TabulationException>(() => AgeBandPolicies.SetAsync(Store, AgeBands.Parse("0-5,6-11,12-17,18-59,60+"), Token));
        Assert.Contains("already holds households", shifted.Message, StringComparison.Ordinal);
        Assert.False((await AgeBandPolicies.ReadAsync(Store, Token)).Configured);

        await AgeBandPolicies.SetAsync(Store, AgeBands.Parse("0-17,18-59,60+"), Token);
        // Finer than the new base: refused, although it would have been a grouping of the built-in one.
        await Assert.ThrowsAsync<TabulationException>(() => AgeBandPolicies.SetAsync(Store, AgeBands.Parse("0-4,5-17,18-59,60+"), Token));
        Reopen();
        Assert.Equal("0-17,18-59,60+", (await AgeBandPolicies.ReadAsync(Store, Token)).Base.ToString());
    }

    [Theory]
    [InlineData("5-17,18+")]
    [InlineData("0-17,20+")]
    [InlineData("0-17,18-59")]
    public async Task BaseAgeBands_NotFromZeroWithoutGapsToAnOpenBand_AreRefused(string bands)
    {
        var ex = await Assert.ThrowsAsync<TabulationException>(() => AgeBandPolicies.SetAsync(Store, AgeBands.Parse(bands), Token));
        Assert.Contains("must start at 0", ex.Message, StringComparison.Ordinal);
        Assert.Null(await Settings.ReadSettingAsync(AgeBandPolicies.SettingName, Token));
    }
}

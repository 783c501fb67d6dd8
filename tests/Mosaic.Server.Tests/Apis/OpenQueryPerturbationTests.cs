using System.Net;
using System.Text.Json;
using Mosaic.Core.Access;
using Mosaic.Core.Registry;

namespace Mosaic.Server.Tests.Apis;

/// <summary>
/// Open queries by users who may not read records (analysts, viewers, enumerators) go through cell-key perturbation:
/// every published count lies within the documented ±3 of the registry's own count, never 1 or 2, and the same cell
/// has the same value whichever table asks for it, so differencing two requests gains nothing. Admins and managers
/// get suppression, and so do means (which perturbation does not protect).
/// </summary>
public sealed class OpenQueryPerturbationTests(MosaicApiFactory factory) : IClassFixture<MosaicApiFactory>
{
    /// <summary>D and js of the default perturbation table, as docs/user-guide/disclosure.md states them.</summary>
    private const int MaximumNoise = 3;
    private const int BlockedUpTo = 2;

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Enumerator)]
    public async Task OpenQuery_ResidentsByUnion_ArePerturbedWithinTheirBound_AndSaySo(Role role)
    {
        using var client = factory.ClientFor(role, scoped: false);
        var table = await Json(client, "/api/tabulations?indicator=population&by=adm4");
        Assert.Equal("perturbation", table.GetProperty("metadata").GetProperty("disclosure_method").GetString());

        var truth = await ResidentsByUnion();
        var rows = table.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("adm4").GetString() != "_total").ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var union = row.GetProperty("adm4").GetString()!;
            var published = row.GetProperty("value").GetDouble();
            Assert.False(row.GetProperty("suppressed").GetBoolean(), "a perturbed table suppresses nothing");
            Assert.InRange(published, truth[union] - MaximumNoise, truth[union] + MaximumNoise);
            Assert.False(published is >= 1 and <= BlockedUpTo, $"{union}: {published} is a count of 1–2");
        }
    }

    [Fact]
    public async Task SameCell_HasTheSameValue_InEveryTableAndScope_SoDifferencingGainsNothing()
    {
        using var unrestricted = factory.ClientFor(Role.Viewer, scoped: false);
        using var scoped = factory.ClientFor(Role.Viewer, scoped: true);
        var byUnion = await Json(unrestricted, "/api/tabulations?indicator=population&by=adm4");
        var unionRow = byUnion.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("adm4").GetString() == DemoDatabase.InScope);

        // The union's residents asked three other ways: its own table by sex, the scoped user's table, by status.
        var bySex = await Json(unrestricted, $"/api/tabulations?indicator=population&by=sex&area={DemoDatabase.InScope}");
        var scopedBySex = await Json(scoped, "/api/tabulations?indicator=population&by=sex");
        var byStatus = await Json(scoped, "/api/tabulations?indicator=population&by=migratory_status");
        var expected = unionRow.GetProperty("value").GetDouble();
        Assert.Equal(expected, Total(bySex, "sex"));
        Assert.Equal(expected, Total(scopedBySex, "sex"));
        Assert.Equal(expected, Total(byStatus, "migratory_status"));
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Manager)]
    public async Task RolesThatReadRecords_GetSuppressedTables_WithExactTotals(Role role)
    {
        using var client = factory.ClientFor(role, scoped: false);
        var table = await Json(client, "/api/tabulations?indicator=population&by=adm4");
        Assert.False(table.GetProperty("metadata").TryGetProperty("disclosure_method", out _));
        Assert.Equal("5", table.GetProperty("metadata").GetProperty("min_cell").GetString());
        Assert.Equal((await ResidentsByUnion()).Values.Sum(), Total(table, "adm4"));
    }

    [Fact]
    public async Task OpenQuery_OfAMean_StaysUnderSuppression()
    {
        using var client = factory.ClientFor(Role.Viewer, scoped: false);
        var table = await Json(client, "/api/tabulations?indicator=mean_household_size&by=adm4");
        Assert.False(table.GetProperty("metadata").TryGetProperty("disclosure_method", out _));
        Assert.Equal("5", table.GetProperty("metadata").GetProperty("min_cell").GetString());
    }

    private async Task<Dictionary<string, long>> ResidentsByUnion()
    {
        using var store = factory.Database.OpenStore();
        var unionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in (await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken)))
        {
            for (var a = area; a is not null; a = a.ParentPcode is null ? null : (await store.Areas.GetAsync(a.ParentPcode, cancellationToken: TestContext.Current.CancellationToken)))
            {
                if (a.Level == 4)
                {
                    unionOf[area.Pcode] = a.Pcode;
                    break;
                }
            }
        }
        return (await store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))
            .GroupBy(h => unionOf[h.AreaPcode])
            .ToDictionary(g => g.Key, g => g.Sum(h => (long)h.Members.Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant)), StringComparer.Ordinal);
    }

    private static double Total(JsonElement table, string dimension) =>
        table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty(dimension).GetString() == "_total").GetProperty("value").GetDouble();

    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}

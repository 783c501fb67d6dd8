using System.Globalization;
using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Tests.Disclosure.Oracle;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// Linked tables (issue 15, item 2): tables of one indicator that share cells and margins, or group the age band (0-79, 80-84, 85+)s
/// differently, are attacked together by <see cref="PublicationIntruder"/> (independent of Mosaic's atoms and audit).
/// </summary>
public sealed class PublicationIntruderTests
{
    private const int K = DisclosureRule.DefaultMinimumContributors;

    /// <summary>Where the publication's bands start: 0-79 and 80+, 0-84 and 85+.</summary>
    private static readonly int[] s_bandStarts = [0, 80, 85];

    /// <summary>
    /// Groups of 1 to K-1 persons by village, sex and age band (0-79, 80-84, 85+), and by village and age band (0-79, 80-84, 85+), counted by plain loops
    /// over the demo's households: what two groupings of the base bands could give away by difference.
    /// </summary>
    private static List<IReadOnlyDictionary<string, string>> SmallBaseBandGroups(int households, long seed)
    {
        var demo = new DemoGenerator(new DemoOptions { Households = households, Seed = seed });
        var areas = demo.Areas().ToDictionary(a => a.Pcode);
        string Village(string pcode)
        {
            var area = areas[pcode];
            while (area.Level > 5)
                area = areas[area.ParentPcode!];
            return area.Pcode;
        }
        var bySex = new Dictionary<(string, string, int), int>();
        var byArea = new Dictionary<(string, int), int>();
        foreach (var h in demo.Households())
        {
            foreach (var p in h.Members)
            {
                // The population indicator counts residents: members now abroad are not in its tables.
                if (p.Age is not { } age || p.MigratoryStatus == MigratoryStatus.Emigrant)
                    continue;
                var band = s_bandStarts.Last(s => s <= age);
                var key = (Village(h.AreaPcode), Codes.Sex[p.Sex], band);
                bySex[key] = bySex.GetValueOrDefault(key) + 1;
                byArea[(key.Item1, band)] = byArea.GetValueOrDefault((key.Item1, band)) + 1;
            }
        }
        var groups = new List<IReadOnlyDictionary<string, string>>();
        foreach (var ((village, sex, band), n) in bySex.Where(x => x.Value < K))
            groups.Add(new Dictionary<string, string> { ["village"] = village, ["sex"] = sex, ["age_group"] = band.ToString(CultureInfo.InvariantCulture) });
        foreach (var ((village, band), n) in byArea.Where(x => x.Value < K))
            groups.Add(new Dictionary<string, string> { ["village"] = village, ["age_group"] = band.ToString(CultureInfo.InvariantCulture) });
        return groups;
    }

    private static Tabulator Demo(int households, long seed)
    {
        var demo = new DemoGenerator(new DemoOptions { Households = households, Seed = seed });
        var builder = new RegistrySnapshotBuilder(demo.Areas(), null, households);
        foreach (var h in demo.Households())
        {
            builder.AddHousehold(SnapshotCodes.Of(h));
            foreach (var m in h.Members)
                builder.AddPerson(SnapshotCodes.Of(m));
        }
        return new Tabulator(builder.Build(), IndicatorCatalogue.Shipped);
    }

    // Two groupings of the base bands that differ by one band (80-84), and their common margin by sex.
    private static readonly TabulationRequest[] s_publication =
    [
        new("population", ["village", "sex", "age_group"]) { AgeBands = AgeBands.Parse("0-79,80+") },
        new("population", ["village", "sex", "age_group"]) { AgeBands = AgeBands.Parse("0-84,85+") },
        new("population", ["village", "sex"]),
    ];

    [Fact]
    public void TablesProtectedOneByOne_AreBrokenWhenCombined_TheSameTablesAsAPublicationAreNot()
    {
        var tabulator = Demo(1000, 7);
        var groups = SmallBaseBandGroups(1000, 7);

        var alone = s_publication.Select(tabulator.Tabulate).ToList();
        var linked = tabulator.TabulatePublication(s_publication);

        // Each table passes its own audit, yet an intruder combining them narrows cells below K: the oracle can fail.
        Assert.All(alone, t => Assert.True(t.Audit!.Passed));
        Assert.NotEmpty(new PublicationIntruder(alone).NarrowerThan(K, groups));
        var found = new PublicationIntruder(linked).NarrowerThan(K, groups);
        Assert.True(found.Count == 0, string.Join("; ", found));
        Assert.All(linked, t => Assert.Equal(2, t.LinkedTables));
        // Linking only adds suppression: every cell published in the linked table is a cell of the same value alone.
        for (var t = 0; t < linked.Count; t++)
        {
            for (var c = 0; c < linked[t].Cells.Count; c++)
            {
                if (!linked[t].Cells[c].Suppressed)
                    Assert.Equal(alone[t].Cells[c].Contributors, linked[t].Cells[c].Value);
                if (alone[t].Cells[c].Suppressed)
                    Assert.True(linked[t].Cells[c].Suppressed);
            }
        }
    }
}

using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Tests.Disclosure.Oracle;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// The publication log (issue 15): a table published later is protected against the tables published earlier from
/// the same registry (<see cref="PublicationHistory"/>), attacked across both publications by the independent
/// <see cref="PublicationIntruder"/>.
/// </summary>
public sealed class PublicationLogTests
{
    private const int K = DisclosureRule.DefaultMinimumContributors;

    private static readonly TabulationRequest s_first = new("population", ["village", "sex", "age_group"]) { AgeBands = AgeBands.Parse("0-79,80+") };

    private static readonly TabulationRequest s_second = new("population", ["village", "sex", "age_group"]) { AgeBands = AgeBands.Parse("0-84,85+") };

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

    /// <summary>Groups of 1 to K-1 resident persons aged 80-84 by village and sex, and by village, counted by plain loops over the demo.</summary>
    private static List<IReadOnlyDictionary<string, string>> SmallEightyToEightyFour(int households, long seed)
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
        var bySex = new Dictionary<(string, string), int>();
        var byVillage = new Dictionary<string, int>();
        foreach (var h in demo.Households())
        {
            foreach (var p in h.Members)
            {
                if (p.Age is not (>= 80 and <= 84) || p.MigratoryStatus == MigratoryStatus.Emigrant)
                    continue;
                var key = (Village(h.AreaPcode), Codes.Sex[p.Sex]);
                bySex[key] = bySex.GetValueOrDefault(key) + 1;
                byVillage[key.Item1] = byVillage.GetValueOrDefault(key.Item1) + 1;
            }
        }
        var groups = new List<IReadOnlyDictionary<string, string>>();
        foreach (var ((village, sex), _) in bySex.Where(x => x.Value < K))
            groups.Add(new Dictionary<string, string> { ["village"] = village, ["sex"] = sex, ["age_group"] = "80" });
        foreach (var (village, _) in byVillage.Where(x => x.Value < K))
            groups.Add(new Dictionary<string, string> { ["village"] = village, ["age_group"] = "80" });
        return groups;
    }

    /// <summary>
    /// What an intruder holding the earlier and the new tables learns beyond the earlier tables alone: every hidden
    /// figure (a cell of any table, or a small group) narrower than K with both, whose range the earlier tables alone
    /// (the new tables all hidden) leave wider. A figure the earlier tables already pin stays allowed as it was.
    /// </summary>
    private static List<string> NewlyNarrowed(IReadOnlyList<TabulationResult> earlier, IReadOnlyList<TabulationResult> later,
        IReadOnlyList<IReadOnlyDictionary<string, string>> groups)
    {
        var hiddenLater = later.Select(t => t with
        {
            Cells = [.. t.Cells.Select(c => c with { Value = null, Denominator = null, Status = CellStatus.SecondarySuppressed })],
        });
        var before = new PublicationIntruder([.. earlier, .. hiddenLater]).Intervals(K, groups).ToDictionary(i => i.Key);
        Assert.NotEmpty(before);
        var found = new List<string>();
        foreach (var now in new PublicationIntruder([.. earlier, .. later]).Intervals(K, groups))
        {
            var was = before[now.Key];
            Assert.True(now.Width <= was.Width + 1e-6, $"{now.Key}: the intruder's range [{now.Low}, {now.High}] is wider than [{was.Low}, {was.High}] with fewer cells");
            if (now.Width < K - 1e-6 && now.Width < was.Width - 1e-6)
                found.Add($"{now} (the earlier tables alone: [{was.Low}, {was.High}])");
        }
        return found;
    }

    [Fact]
    public void ATablePublishedLater_IsProtectedAgainstTheTablePublishedBefore_WhichStaysAsItWent()
    {
        var tabulator = Demo(1000, 7);
        var groups = SmallEightyToEightyFour(1000, 7);
        Assert.NotEmpty(groups);
        var first = tabulator.TabulatePublication([s_first])[0];
        var logged = PublicationHistory.Record(first, s_first, DateTimeOffset.UtcNow);

        // Without the log the second table is protected on its own, and the two publications together give away cells.
        var unaware = tabulator.TabulatePublication([s_second])[0];
        Assert.NotEmpty(NewlyNarrowed([first], [unaware], groups));

        var second = tabulator.TabulatePublication([s_second], [logged])[0];

        var found = NewlyNarrowed([first], [second], groups);
        Assert.True(found.Count == 0, string.Join("; ", found));
        Assert.Equal(1, second.EarlierTables);
        Assert.True(second.Audit!.Passed);
        // Information loss: the log costs the new table about what publishing both together would cost it (the
        // earlier table's pattern is fixed, so a little more), never the whole table.
        var together = tabulator.TabulatePublication([s_first, s_second])[1];
        Assert.True(second.SuppressedCells <= together.SuppressedCells * 1.25,
            $"{second.SuppressedCells} cells suppressed with the log, {together.SuppressedCells} when published together, {unaware.SuppressedCells} alone");
        // Only the new table is suppressed further; what it publishes is the true count.
        for (var c = 0; c < second.Cells.Count; c++)
        {
            if (unaware.Cells[c].Suppressed)
                Assert.True(second.Cells[c].Suppressed);
            if (!second.Cells[c].Suppressed)
                Assert.Equal(unaware.Cells[c].Contributors, second.Cells[c].Value);
        }
    }

    [Fact]
    public void ATableLoggedFromAnotherRegistry_IsNotLinked_AndSaysSo()
    {
        var first = Demo(1000, 7).TabulatePublication([s_first])[0];
        var logged = PublicationHistory.Record(first, s_first, DateTimeOffset.UtcNow);

        var other = Demo(1000, 8).TabulatePublication([s_second], [logged])[0];

        Assert.Equal(0, other.EarlierTables);
        Assert.Equal(1, other.EarlierTablesChanged);
    }
}

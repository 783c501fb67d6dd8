using Mosaic.Core.Disclosure;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Registry;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Mobility;

/// <summary>
/// The registry side of <c>mosaic mobility summary</c> leaves through disclosure control: every figure is the
/// perturbed count of its own persons. The oracle groups the movers here, by hand, and sums their keys.
/// </summary>
public sealed class RegistrySideTests
{
    private static readonly AreaLevels s_areas = new(Fixtures.Areas);
    private static readonly PerturbationTable s_table = PerturbationTable.Default;

    private static List<RegisteredMover> Movers(int seed, bool keyed = true)
    {
        var rng = new Random(seed);
        string[] areas = ["BD55490917", "BD55490959"];
        MigratoryStatus[] statuses = [MigratoryStatus.Returnee, MigratoryStatus.Idp, MigratoryStatus.Refugee];
        return [.. Enumerable.Range(0, 400).Select(_ => new RegisteredMover(
            areas[rng.Next(2)], new DateOnly(2026, 1 + rng.Next(6), 1 + rng.Next(28)), statuses[rng.Next(statuses.Length)],
            Sex.Female, 30, null, null, null, null, keyed ? (uint)rng.NextInt64(1, 1L << 32) : 0))];
    }

    [Fact]
    public void EveryFigure_IsThePerturbedCountOfItsOwnMovers_AndNoOneOrTwoIsShown()
    {
        var movers = Movers(3);
        var notes = new List<string>();
        var rows = RegistrySide.Summarise(movers, [], s_areas, 4, notes);
        Assert.Contains(notes, n => n.StartsWith("registered movers are perturbed", StringComparison.Ordinal));

        var shown = 0;
        foreach (var area in new[] { "BD55490917", "BD55490959" })
        {
            foreach (var type in new[] { PopulationType.Returnee, PopulationType.Idp, PopulationType.Refugee })
            {
                var mine = movers.Where(m => m.AreaPcode == area && m.PopulationType == type).ToList();
                foreach (var month in mine.Select(m => m.MoveMonth).Distinct())
                {
                    var inMonth = mine.Where(m => m.MoveMonth == month).ToList();
                    var toDate = mine.Where(m => string.CompareOrdinal(m.MoveMonth, month) <= 0).ToList();
                    var expected = s_table.Publish(inMonth.Count, Key(inMonth));
                    var row = rows.SingleOrDefault(r => r.AreaPcode == area && r.Type == type && r.Month == month);
                    if (expected == 0)
                    {
                        Assert.Null(row);
                        continue;
                    }
                    Assert.NotNull(row);
                    Assert.Equal(expected, row.RegisteredInMonth);
                    Assert.Equal(s_table.Publish(toDate.Count, Key(toDate)), row.RegisteredToDate);
                    shown++;
                }
            }
        }
        Assert.Equal(shown, rows.Count);
        Assert.All(rows, r => Assert.True(r.RegisteredInMonth >= 3 && r.RegisteredToDate >= 3));
    }

    [Fact]
    public void Movers_WithoutRecordKeys_AreWithheldWithTheReason()
    {
        var notes = new List<string>();
        Assert.Empty(RegistrySide.Summarise(Movers(4, keyed: false), [], s_areas, 4, notes));
        Assert.Contains(notes, n => n.Contains("no record keys", StringComparison.Ordinal));
    }

    private static uint Key(IEnumerable<RegisteredMover> movers) => movers.Aggregate(0u, (k, m) => unchecked(k + m.RecordKey));
}

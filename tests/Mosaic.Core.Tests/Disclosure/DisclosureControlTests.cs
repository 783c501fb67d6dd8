using FsCheck.Xunit;
using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

public sealed class DisclosureControlTests
{
    /// <summary>A random table of 1–3 dimensions with 1–4 categories each, many small cells, totals filled.</summary>
    private static (LinkedTable Table, long[] Contributors) RandomTable(int seed)
    {
        var rng = new Random(seed);
        var dims = 1 + rng.Next(3);
        var cats = Enumerable.Range(0, dims).Select(_ => 1 + rng.Next(4)).ToArray();
        var table = new LinkedTable(cats);
        var contributors = new long[table.Size];
        var coords = new int[dims];
        for (var i = 0; i < table.Size; i++)
        {
            table.Coords(i, coords);
            if (Enumerable.Range(0, dims).Any(d => table.IsTotal(d, coords[d])))
                continue;
            contributors[i] = rng.Next(10) switch { < 2 => 0, < 6 => 1 + rng.Next(4), _ => 5 + rng.Next(40) };
        }
        table.FillTotals(contributors);
        return (table, contributors);
    }

    [Property(MaxTest = 300)]
    public bool Protect_NeverPublishesACellUnderK(int seed)
    {
        var (table, contributors) = RandomTable(seed);
        var outcome = DisclosureControl.Protect(table, contributors, 5);
        return Enumerable.Range(0, table.Size).All(i =>
            outcome.Status[i] != CellStatus.Published || contributors[i] == 0 || contributors[i] >= 5);
    }

    [Property(MaxTest = 300)]
    public bool Protect_LeavesNoSuppressedCellRecoverableFromPublishedCellsAndTotals(int seed)
    {
        var (table, contributors) = RandomTable(seed);
        var outcome = DisclosureControl.Protect(table, contributors, 5);
        return SuppressionAudit.RecoverableCells(table, outcome.Status).Count == 0;
    }

    [Property(MaxTest = 200)]
    public bool Protect_ReportsAsManySuppressedCellsAsItMarks(int seed)
    {
        var (table, contributors) = RandomTable(seed);
        var outcome = DisclosureControl.Protect(table, contributors, 5);
        return outcome.SuppressedCells == outcome.Status.Count(s => s != CellStatus.Published)
            && outcome.PrimaryCells == outcome.Status.Count(s => s == CellStatus.PrimarySuppressed);
    }

    [Fact]
    public void Audit_WithOnlyTheSmallCellSuppressed_FindsItRecoverable()
    {
        // Guards the checker itself: one hidden cell in a row with its total published is plainly recoverable.
        var table = new LinkedTable([3]);
        var status = new CellStatus[table.Size];
        status[1] = CellStatus.PrimarySuppressed;
        Assert.Equal([1], SuppressionAudit.RecoverableCells(table, status));
    }

    [Fact]
    public void Audit_WithARectangleSuppressedInATwoWayTable_FindsNothingRecoverable()
    {
        var table = new LinkedTable([3, 3]);
        var status = new CellStatus[table.Size];
        foreach (var (r, c) in new[] { (0, 0), (0, 2), (1, 0), (1, 2) })
            status[table.Index([r, c])] = CellStatus.SecondarySuppressed;
        Assert.Empty(SuppressionAudit.RecoverableCells(table, status));
    }

    [Fact]
    public void Protect_WithOneSmallCell_SuppressesAFourCellRectangleAndReportsThePopulation()
    {
        var table = new LinkedTable([2, 2]);
        long[] inner = [3, 20, 30, 40];
        var contributors = new long[table.Size];
        for (var r = 0; r < 2; r++)
        {
            for (var c = 0; c < 2; c++)
                contributors[table.Index([r, c])] = inner[r * 2 + c];
        }
        table.FillTotals(contributors);

        var outcome = DisclosureControl.Protect(table, contributors, 5);

        Assert.Equal(1, outcome.PrimaryCells);
        Assert.Equal(3, outcome.SecondaryCells);
        Assert.Equal(93, outcome.SuppressedContributors);
        Assert.Equal(93, outcome.TotalContributors);
        Assert.Empty(SuppressionAudit.RecoverableCells(table, outcome.Status));
    }

    [Fact]
    public void Protect_WithKOfOne_SuppressesNothing()
    {
        var table = new LinkedTable([2]);
        long[] contributors = [1, 2, 3];
        Assert.Equal(0, DisclosureControl.Protect(table, contributors, 1).SuppressedCells);
    }
}

using Mosaic.Core.Import;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Tests.Mobility;

public sealed class FlowImportTests
{
    private static string ExampleFile => Path.Combine(AppContext.BaseDirectory, "docs", "examples", "flows-example.csv");

    [Fact]
    public async Task Import_TheDocumentedExampleFile_StoresThePointAndEveryRow()
    {
        using var t = new MobilityTestStore();
        var result = await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(t.Write("flows.csv", File.ReadAllText(ExampleFile))), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(result.Issues);
        Assert.Equal(12, result.Counts.Inserted);
        var point = Assert.Single(await t.Store.Mobility.ReadFlowPointsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FlowPointType.RiverBorder, point.Type);
        Assert.Equal(["BGD", "IND"], point.Countries);
        var daily = await t.Store.Mobility.ReadFlowDailyTotalsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(52 + 19 + 8, daily.Where(d => d.Date == new DateOnly(2024, 9, 1) && d.Direction == FlowDirection.In).Sum(d => d.Persons));
    }

    [Fact]
    public async Task Import_SameFileTwice_ChangesNothing()
    {
        using var t = new MobilityTestStore();
        var path = t.Write("flows.csv", File.ReadAllText(ExampleFile));
        await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        var second = await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new Mosaic.Core.Storage.UpsertCounts(0, 0, 12), second.Counts);
        Assert.Equal(12, await t.Store.Mobility.CountFlowObservationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_RowsWithoutRecordId_AreIdempotentByContent()
    {
        using var t = new MobilityTestStore();
        var text = "point_code,point_type,date,direction,total,reason\nP1,land_border,2024-05-01,in,10,trade\nP1,,2024-05-01,in,10,trade\n";
        var path = t.Write("flows.csv", text);
        Assert.Equal(2, (await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken)).Counts.Inserted);
        Assert.Equal(2, (await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken)).Counts.Unchanged);
    }

    [Theory]
    [InlineData("P1,land_border,2024-05-01,sideways,10,trade", "direction", "'in' or 'out'")]
    [InlineData("P1,land_border,2024-05-01,in,-3,trade", "total", "negative")]
    [InlineData("P1,land_border,1890-05-01,in,10,trade", "date", "out of range")]
    [InlineData("P1,land_border,2024-05-01,in,10,smuggling", "reason", "unknown code")]
    [InlineData("P1,spaceport,2024-05-01,in,10,trade", "point_type", "unknown point type")]
    public async Task Import_WithABadValue_ReportsRowColumnAndValue(string row, string column, string reason)
    {
        using var t = new MobilityTestStore();
        var path = t.Write("flows.csv", "point_code,point_type,date,direction,total,reason\n" + row + "\n");
        var result = await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(2, issue.Row);
        Assert.Equal(column, issue.Column);
        Assert.Contains(reason, issue.Reason, StringComparison.Ordinal);
        Assert.False(result.Committed);
        Assert.Equal(0, await t.Store.Mobility.CountFlowObservationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_TotalBelowTheSexAgeCells_IsRejected()
    {
        using var t = new MobilityTestStore();
        var path = t.Write("flows.csv", "point_code,point_type,date,direction,m_18_59,f_18_59,total\nP1,airport,2024-05-01,out,6,5,10\n");
        var issue = Assert.Single((await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken)).Issues);
        Assert.Equal("total", issue.Column);
        Assert.Contains("less than the sum", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CountsTooLargeToBeReal_AreRejectedWithRowAndColumn_InsteadOfOverflowing()
    {
        using var t = new MobilityTestStore();
        var text = "point_code,point_type,date,direction,m_18_59,f_18_59\nP1,land_border,2024-05-01,in,2000000000,2000000000\n";
        var result = await FlowImporter.ImportAsync(t.Store.Mobility, ImportSource.FromFile(t.Write("flows.csv", text)), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["m_18_59", "f_18_59"], result.Issues.Select(i => i.Column));
        Assert.All(result.Issues, i => Assert.Contains("count above 10,000,000", i.Reason, StringComparison.Ordinal));
        Assert.All(result.Issues, i => Assert.Equal(2, i.Row));
        Assert.Equal(0, await t.Store.Mobility.CountFlowObservationsAsync(TestContext.Current.CancellationToken));
    }
}

using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// Re-identification risk and local suppression against brute force: every record's class is recounted here by
/// comparing it with every other record (no dictionary, no production code).
/// </summary>
public sealed class MicrodataRiskTests
{
    private static List<string?[]> RandomRecords(int seed, int count, int columns, int values)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, columns)
            .Select(_ => rng.Next(8) == 0 ? null : "v" + rng.Next(values)).ToArray())];
    }

    private static int ClassSize(IReadOnlyList<string?[]> records, int i) =>
        records.Count(r => r.Length == records[i].Length && r.Zip(records[i]).All(p => p.First == p.Second));

    [Theory]
    [InlineData(1, 60, 3, 3)]
    [InlineData(2, 200, 4, 4)]
    [InlineData(3, 15, 2, 2)]
    public void GlobalRisk_IsTheMeanOfOneOverEachRecordsClassSize(int seed, int count, int columns, int values)
    {
        var records = RandomRecords(seed, count, columns, values);
        var expected = Enumerable.Range(0, count).Sum(i => 1.0 / ClassSize(records, i));
        var report = MicrodataRisk.Measure(records);
        Assert.Equal(expected, report.ExpectedReidentifications, 9);
        Assert.Equal(expected / count, report.GlobalRisk, 9);
        Assert.Equal(Enumerable.Range(0, count).Max(i => 1.0 / ClassSize(records, i)), report.HighestIndividualRisk, 12);
        Assert.Equal(Enumerable.Range(0, count).Count(i => ClassSize(records, i) == 1), report.RecordsAboveHalfRisk);
    }

    [Fact]
    public void LDiversity_CountsTheDistinctSensitiveValuesOfEachClass()
    {
        var records = RandomRecords(4, 120, 2, 3);
        var rng = new Random(9);
        var sensitive = records.Select(_ => rng.Next(4) == 0 ? "yes" : "no").ToList();
        var report = MicrodataRisk.Measure(records, sensitive);
        int Distinct(int i) => Enumerable.Range(0, records.Count)
            .Where(j => records[j].Zip(records[i]).All(p => p.First == p.Second)).Select(j => sensitive[j]).Distinct().Count();
        Assert.Equal(Enumerable.Range(0, records.Count).Min(Distinct), report.SmallestDistinctL);
        Assert.Equal(Enumerable.Range(0, records.Count).Count(i => Distinct(i) == 1), report.RecordsWithOneSensitiveValue);
    }

    [Theory]
    [InlineData(5, 300, 4, 6, 5)]
    [InlineData(6, 40, 3, 5, 5)]
    [InlineData(7, 12, 4, 9, 10)]
    [InlineData(8, 500, 5, 4, 3)]
    public void LocalSuppression_WithAtLeastKRecords_AlwaysEndsKAnonymous(int seed, int count, int columns, int values, int k)
    {
        var records = RandomRecords(seed, count, columns, values);
        var (suppressed, report) = KAnonymity.Suppress(records, k, [.. Enumerable.Range(0, columns)]);
        Assert.True(report.IsKAnonymous, report.Reason);
        Assert.Null(report.Reason);
        Assert.All(Enumerable.Range(0, count), i => Assert.True(ClassSize(suppressed, i) >= k, $"record {i} is in a class of {ClassSize(suppressed, i)}"));
        // Only quasi-identifier values were blanked: every value kept is the original one.
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < columns; c++)
                Assert.True(suppressed[i][c] == KAnonymity.SuppressedMark || suppressed[i][c] == records[i][c]);
        }
    }

    [Fact]
    public void LocalSuppression_WithFewerThanKRecords_SaysWhy()
    {
        var records = RandomRecords(10, 3, 2, 5);
        var (_, report) = KAnonymity.Suppress(records, 5, [0, 1]);
        Assert.False(report.IsKAnonymous);
        Assert.Contains("only 3 record(s) in all, fewer than k = 5", report.Reason, StringComparison.Ordinal);
    }
}

using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

public sealed class KAnonymityTests
{
    private static List<string?[]> Records()
    {
        var records = new List<string?[]>();
        for (var i = 0; i < 6; i++)
            records.Add(["v1", "female", "18-59"]);
        records.Add(["v2", "male", "60+"]);
        records.Add(["v2", "female", "60+"]);
        for (var i = 0; i < 4; i++)
            records.Add(["v3", "male", "18-59"]);
        return records;
    }

    [Fact]
    public void Report_CountsRecordsInCombinationsSmallerThanK()
    {
        var report = KAnonymity.Report(Records(), 3);
        Assert.Equal(12, report.Records);
        Assert.Equal(4, report.EquivalenceClasses);
        Assert.Equal(2, report.RecordsAtRisk);
        Assert.Equal(1, report.SmallestClass);
        Assert.False(report.IsKAnonymous);
    }

    [Fact]
    public void Suppress_BlanksValuesUntilEveryCombinationHasKRecords()
    {
        var (records, report) = KAnonymity.Suppress(Records(), 2, priority: [2, 1, 0]);
        Assert.True(report.IsKAnonymous);
        Assert.True(report.SuppressedValues > 0);
        Assert.Equal(["v2", KAnonymity.SuppressedMark, KAnonymity.SuppressedMark], records[6]);
        Assert.Equal(["v1", "female", "18-59"], records[0]);
    }

    [Fact]
    public void Suppress_WithKLargerThanTheFile_StillEnds()
    {
        var (_, report) = KAnonymity.Suppress(Records(), 50, priority: [0, 1, 2]);
        Assert.Equal(12, report.RecordsAtRisk);
    }
}

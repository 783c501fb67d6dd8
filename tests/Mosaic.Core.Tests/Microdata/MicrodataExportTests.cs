using Mosaic.Core.Microdata;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Microdata;

/// <summary>
/// The microdata export on a registry small enough to count by hand: seven persons in four households. The expected
/// classes are written out below from the ages and areas (default bands 0-4, 5-17, 18-59, 60+; villages rolled up to
/// their union), not computed by the code under test.
/// </summary>
public sealed class MicrodataExportTests : IDisposable
{
    private const string Union17 = "BD55490917";
    private const string Union59 = "BD55490959";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Person P(Sex sex, int age, MigratoryStatus status) => new() { Sex = sex, Age = age, MigratoryStatus = status };

    private static Household H(string id, string area, params Person[] members) => new() { SubmissionId = id, AreaPcode = area, Members = members };

    private static readonly Household[] s_households =
    [
        H("a", "BD55490917001", P(Sex.Female, 30, MigratoryStatus.NonMigrant), P(Sex.Male, 35, MigratoryStatus.Returnee)),
        H("b", "BD55490917002", P(Sex.Female, 28, MigratoryStatus.NonMigrant), P(Sex.Male, 10, MigratoryStatus.NonMigrant)),
        H("c", "BD55490959001", P(Sex.Female, 40, MigratoryStatus.NonMigrant)),
        H("d", "BD55490917001", P(Sex.Female, 25, MigratoryStatus.Returnee), P(Sex.Male, 3, MigratoryStatus.NonMigrant)),
    ];

    // The seven records over (adm4, sex, age_group), by hand: five classes, sizes 3, 1, 1, 1, 1.
    private static readonly (string Adm4, string Sex, string AgeGroup)[] s_expectedKeys =
    [
        (Union17, "female", "18-59"), (Union17, "male", "18-59"),
        (Union17, "female", "18-59"), (Union17, "male", "5-17"),
        (Union59, "female", "18-59"),
        (Union17, "female", "18-59"), (Union17, "male", "0-4"),
    ];

    private static RegistrySnapshot Snapshot()
    {
        var builder = new RegistrySnapshotBuilder(RandomRegistry.Areas);
        foreach (var h in s_households)
            builder.Add(h);
        return builder.Build();
    }

    private MicrodataExportRequest Request(string file, double maxRisk = 1) =>
        new(_dir.File(file), MicrodataFormat.Csv, FieldLevel.Person) { KeyVariables = ["sex", "age_group"], Fields = [], MaxGlobalRisk = maxRisk };

    private static Mosaic.Core.Application.Reports.MicrodataExportReport Export(MicrodataExportRequest request) =>
        MicrodataExport.Run(Snapshot(), request, TestContext.Current.CancellationToken);

    private static List<string[]> ReadCsv(string path) =>
        [.. File.ReadAllLines(path).Select(l => l.Split(','))];

    [Fact]
    public void Risk_IsOneOverTheClassSizePerRecord_AndGlobalRiskIsTheirSumOverRecords()
    {
        var classes = s_expectedKeys.GroupBy(k => k).Select(g => g.Count()).ToList();
        Assert.Equal([3, 1, 1, 1, 1], classes.OrderDescending());
        var expected = classes.Sum(size => size * (1.0 / size)); // 5 expected re-identifications

        var report = Export(Request("risk.csv"));

        Assert.True(report.Written);
        Assert.Equal(7, report.Records);
        Assert.Equal(5, report.EquivalenceClasses);
        Assert.Equal(1, report.SmallestClass);
        Assert.Equal(expected, report.Risk.ExpectedReidentifications, 3);
        Assert.Equal(Math.Round(5.0 / 7, 6), report.Risk.GlobalRisk);
        Assert.Equal(4, report.Risk.UniqueRecords);
        Assert.Equal(1, report.Risk.HighestIndividualRisk);
        Assert.Equal([(1L, 1.0, 4L), (3L, Math.Round(1.0 / 3, 6), 3L)],
            report.IndividualRisk.Select(r => (r.ClassSize, r.IndividualRisk, r.Records)));
        Assert.Equal(["adm4", "sex", "age_group"], report.KeyVariables);
    }

    [Fact]
    public void TheFile_HoldsExactlyTheHandCountedRecords_SortedAndWithoutIds()
    {
        var report = Export(Request("persons.csv"));

        var rows = ReadCsv(report.File!);
        Assert.Equal(["adm4", "sex", "age_group"], rows[0]);
        var expected = s_expectedKeys.Select(k => $"{k.Adm4},{k.Sex},{k.AgeGroup}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, rows.Skip(1).Select(r => string.Join(',', r)));
    }

    [Fact]
    public void SensitiveField_ReportsDistinctLDiversityPerClass()
    {
        // By hand: the class (BD55490917, female, 18-59) holds non_migrant, non_migrant, returnee (l = 2); the four
        // single-record classes hold one status each (l = 1).
        var report = Export(Request("l.csv") with { Sensitive = "migratory_status" });

        var l = report.Risk.LDiversity!;
        Assert.Equal(1, l.SmallestDistinctL);
        Assert.Equal(4, l.ClassesWithOneValue);
        Assert.Equal(4, l.RecordsWithOneValue);
        Assert.Equal(["migratory_status"], report.Fields);
        Assert.Equal("adm4,sex,age_group,migratory_status", File.ReadLines(report.File!).First());
    }

    [Fact]
    public void AboveTheLimit_NothingIsWritten_AndTheRefusalStatesTheRiskAndTheRemedy()
    {
        var report = Export(Request("refused.csv", maxRisk: 0.03));

        Assert.False(report.Written);
        Assert.Null(report.File);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
        Assert.Contains("global re-identification risk is 71.43% (5 expected re-identifications in 7 records), above the limit of 3.00%", report.Refusal);
        Assert.Contains("coarser level than adm4", report.Refusal);
        Assert.Contains("k of at least 34", report.Refusal);
    }

    [Fact]
    public void Cancelled_LeavesNoFileAndNoPartialFile()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => MicrodataExport.Run(Snapshot(), Request("cancelled.csv"), cancel.Token));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void LocalSuppression_WritesAKAnonymousFile_CheckedByCountingItsKeyGroups()
    {
        var report = Export(Request("k2.csv") with { K = 2 });

        var s = report.Suppression!;
        Assert.True(s.KAnonymous);
        Assert.Empty(s.ClassesBelowK);
        Assert.Equal(Math.Round(5.0 / 7, 6), s.RiskBefore.GlobalRisk);
        var rows = ReadCsv(report.File!).Skip(1).ToList();
        Assert.Equal(7, rows.Count);
        var groups = rows.GroupBy(r => string.Join(',', r)).Select(g => g.Count()).ToList();
        Assert.All(groups, size => Assert.True(size >= 2, $"a key combination of {size} record(s)"));
        Assert.Equal(groups.Count, report.EquivalenceClasses);
        Assert.Equal(Math.Round((double)groups.Count / 7, 6), report.Risk.GlobalRisk);
        // What was blanked is what the file shows as *.
        Assert.Equal(rows.Sum(r => r.Count(v => v == "*")), s.ValuesBlanked);
    }

    [Fact]
    public void LocalSuppression_WithFewerRecordsThanK_SaysSoAndListsTheClass()
    {
        var report = Export(Request("k8.csv") with { K = 8 });

        var s = report.Suppression!;
        Assert.False(s.KAnonymous);
        Assert.Equal("only 7 record(s) in all, fewer than k = 8: no suppression can make them k-anonymous", s.Reason);
        var small = Assert.Single(s.ClassesBelowK);
        Assert.Equal(7, small.Records);
        Assert.Equal(["*", "*", "*"], small.Values);
    }

    [Theory]
    [InlineData("income_now", "'income_now' is a number")]
    [InlineData("age", "(use age_group)")]
    [InlineData("adm3", "'adm3' is an area: the file has one area column, at the level chosen (adm4)")]
    [InlineData("sex", "'sex' is both a key variable and another field")]
    public void AFieldThatCannotBeExported_IsRefusedWithTheReason(string field, string message)
    {
        var ex = Assert.Throws<TabulationException>(() => Export(Request("x.csv") with { Fields = [field] }));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HouseholdRecords_OneRowPerHousehold_AtTheChosenLevel()
    {
        var report = Export(new MicrodataExportRequest(_dir.File("h.csv"), MicrodataFormat.Csv, FieldLevel.Household)
        {
            AreaLevel = "village",
            KeyVariables = [],
            Fields = [],
            MaxGlobalRisk = 1,
        });

        // By hand: villages 917001 (households a, d), 917002 (b), 959001 (c).
        Assert.Equal(["village", "BD55490917001", "BD55490917001", "BD55490917002", "BD55490959001"], File.ReadAllLines(report.File!));
        Assert.Equal(Math.Round(3.0 / 4, 6), report.Risk.GlobalRisk);
    }

    // Over (adm4, sex), by hand: (917, female) = a1, b1, d1 and (917, male) = a2, b2, d2, each r = 1/3; (959, female) = c1,
    // r = 1. Households a, b, d: 1 − (2/3)² = 5/9 each; c: 1. Households found: 3·5/9 + 1 = 8/3 of 4 = 2/3;
    // person-weighted: (6·5/9 + 1) / 7 = 13/21; person level: 3 classes / 7 records = 3/7.
    private MicrodataExportRequest ByHousehold(string file, double maxRisk = 1) =>
        Request(file, maxRisk) with { KeyVariables = ["sex"], HouseholdIds = true };

    [Fact]
    public void HouseholdIds_NumberEachHouseholdsRows_AndTheRiskIsMeasuredPerHousehold()
    {
        var report = Export(ByHousehold("hh.csv"));

        Assert.True(report.HouseholdIds);
        Assert.Equal(Math.Round(3.0 / 7, 6), report.Risk.GlobalRisk);
        var h = report.Risk.HouseholdRisk!;
        Assert.Equal(4, h.Households);
        Assert.Equal(Math.Round(8.0 / 3, 3), h.ExpectedReidentifiedHouseholds);
        Assert.Equal(Math.Round(2.0 / 3, 6), h.GlobalRisk);
        Assert.Equal(Math.Round(13.0 / 21, 6), h.PersonWeightedGlobalRisk);
        Assert.Equal(1, h.HighestHouseholdRisk);
        // Households a, b and d hold the same rows, so their numbers can be in any order; c sorts last by its union.
        Assert.Equal(
        [
            "household,adm4,sex",
            $"1,{Union17},female", $"1,{Union17},male", $"2,{Union17},female", $"2,{Union17},male",
            $"3,{Union17},female", $"3,{Union17},male", $"4,{Union59},female",
        ], File.ReadAllLines(report.File!));
    }

    [Fact]
    public void HouseholdIds_TheLimitIsHeldAgainstTheHouseholdRisk_ThatThePersonLevelRiskPasses()
    {
        // 3/7 (0.43) is under 0.65, 2/3 (0.67) is above it.
        var persons = Export(Request("persons.csv", maxRisk: 0.65) with { KeyVariables = ["sex"] });
        Assert.True(persons.Written);
        Assert.Null(persons.Risk.HouseholdRisk);

        var report = Export(ByHousehold("refused.csv", maxRisk: 0.65));

        Assert.False(report.Written);
        Assert.Null(report.File);
        Assert.False(File.Exists(_dir.File("refused.csv")));
        Assert.Contains("household-level re-identification risk is 66.67% (2.7 expected re-identified households of 4, 66.67%; " +
            "sdcMicro's hierarchical risk 61.90% of 7 person records), above the limit of 65.00%", report.Refusal);
        Assert.Contains("leave the household ids out (the person-level global risk is 42.86%)", report.Refusal);
        // Largest household 2 members: k ≥ 2 / 0.65.
        Assert.Contains("k of at least 4 (which guarantees it for households of up to 2 members)", report.Refusal);
        Assert.Equal(4, report.KWithinLimit);
    }

    [Fact]
    public void HouseholdIds_OnAHouseholdFile_AreRefused()
    {
        var ex = Assert.Throws<TabulationException>(() => Export(new MicrodataExportRequest(_dir.File("h.csv"), MicrodataFormat.Csv, FieldLevel.Household)
        {
            HouseholdIds = true,
        }));
        Assert.Contains("household ids are for person files", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KAnonymityAssessment_ReportsTheHouseholdRiskOfPersonRecords()
    {
        var report = Mosaic.Core.Disclosure.KAnonymityAssessment.Run(Snapshot(), new Mosaic.Core.Disclosure.KAnonymityRequest(["adm4", "sex"], 2, FieldLevel.Person));

        var h = report.Risk.HouseholdRisk!;
        Assert.Equal(Math.Round(2.0 / 3, 6), h.GlobalRisk);
        Assert.Equal(Math.Round(13.0 / 21, 6), h.PersonWeightedGlobalRisk);
        Assert.True(h.AboveHdxLimit);
        Assert.NotNull(report.Suppression.Risk.HouseholdRisk);
        var households = Mosaic.Core.Disclosure.KAnonymityAssessment.Run(Snapshot(), new Mosaic.Core.Disclosure.KAnonymityRequest(["adm4"], 2, FieldLevel.Household));
        Assert.Null(households.Risk.HouseholdRisk);
    }
}

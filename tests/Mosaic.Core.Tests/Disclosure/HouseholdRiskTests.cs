using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// Household-level risk against two oracles that share nothing with the production code: fractions worked out by
/// hand for small files, and for random files a brute force that recounts every record's class by comparing it with
/// every other record and takes a household's risk as the chance that at least one member is re-identified by
/// inclusion–exclusion over every non-empty subset of its members (not as 1 − ∏ (1 − rᵢ)).
/// </summary>
public sealed class HouseholdRiskTests
{
    private static string?[] R(string a, string b) => [a, b];

    [Fact]
    public void HandCountedFile_GivesTheHouseholdRisksWorkedOutByHand()
    {
        // Households: 0 = {A, B}, 1 = {C, G}, 2 = {D, E, F, I}.
        // Classes: (x,1) = {A, C}: r = 1/2; (x,2) = {B, F, I}: 1/3; (z,9) = {G}: 1; (y,1) = {D, E}: 1/2.
        // Household 0: 1 − (1/2)(2/3) = 2/3; household 1: 1 − (1/2)(0) = 1; household 2: 1 − (1/2)(1/2)(2/3)(2/3) = 8/9.
        // Expected households found: 2/3 + 1 + 8/9 = 23/9, over 3 households 23/27. Person-weighted (sdcMicro's
        // hier_risk): (2·2/3 + 2·1 + 4·8/9) / 8 = (62/9) / 8 = 31/36. Person level: 4 classes / 8 records = 1/2.
        string?[][] records = [R("x", "1"), R("x", "2"), R("x", "1"), R("z", "9"), R("y", "1"), R("y", "1"), R("x", "2"), R("x", "2")];
        int[] households = [0, 0, 1, 1, 2, 2, 2, 2];

        var report = MicrodataRisk.Measure(records, householdOf: households);

        Assert.Equal(0.5, report.GlobalRisk, 12);
        var h = report.Household!;
        Assert.Equal(3, h.Households);
        Assert.Equal(23.0 / 9, h.ExpectedReidentifiedHouseholds, 12);
        Assert.Equal(23.0 / 27, h.GlobalRisk, 12);
        Assert.Equal(62.0 / 9, h.ExpectedReidentifiedPersons, 12);
        Assert.Equal(31.0 / 36, h.PersonWeightedGlobalRisk, 12);
        Assert.Equal(1, h.HighestHouseholdRisk, 12);
        Assert.Equal(3, h.HouseholdsAboveHalfRisk);
        Assert.Equal(4, h.LargestHousehold);
        Assert.Equal(31.0 / 36, h.GoverningRisk, 12);
    }

    [Fact]
    public void TheShareOfHouseholdsFound_CanBeBelowThePersonLevelRisk_SoTheLimitTakesTheLargerFigure()
    {
        // Household 0 holds three persons unique on the keys (risk 1 each); households 1–3 hold one person each, all
        // three in one class (risk 1/3). Person level: 4 classes / 6 records = 2/3. Households found: 1 + 3·1/3 = 2 of
        // 4 = 1/2, below it; person-weighted: (3·1 + 3·1/3) / 6 = 2/3, which the limit is held against.
        string?[][] records = [R("a", "1"), R("b", "1"), R("c", "1"), R("d", "1"), R("d", "1"), R("d", "1")];
        var report = MicrodataRisk.Measure(records, householdOf: [0, 0, 0, 1, 2, 3]);

        var h = report.Household!;
        Assert.Equal(2.0 / 3, report.GlobalRisk, 12);
        Assert.Equal(0.5, h.GlobalRisk, 12);
        Assert.Equal(2.0 / 3, h.PersonWeightedGlobalRisk, 12);
        Assert.Equal(2.0 / 3, h.GoverningRisk, 12);
        Assert.False(h.Exceeds(2.0 / 3 + 1e-9));
        Assert.True(h.Exceeds(0.6));
    }

    [Fact]
    public void WithoutHouseholds_NoHouseholdRiskIsMeasured()
    {
        Assert.Null(MicrodataRisk.Measure([R("a", "1")]).Household);
    }

    /// <summary>A random file: households of 1–6 members, two key columns of 3 values (0 = missing).</summary>
    private static Arbitrary<int[][]> Files() =>
        Gen.Choose(0, 8).ArrayOf().Where(m => m.Length is > 0 and <= 6).NonEmptyListOf()
            .Select(hs => hs.Take(40).ToArray()).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property RandomFiles_MatchTheBruteForceOfInclusionExclusion() =>
        Prop.ForAll(Files(), file =>
        {
            var records = new List<string?[]>();
            var households = new List<int>();
            for (var h = 0; h < file.Length; h++)
            {
                foreach (var member in file[h])
                {
                    records.Add([member / 3 == 0 ? null : "a" + member / 3, member % 3 == 0 ? null : "b" + member % 3]);
                    households.Add(h);
                }
            }

            // Brute force: each record's class size by comparing with every record; each household's chance that at
            // least one member is re-identified by inclusion–exclusion over all its non-empty member subsets.
            var risk = records.Select(r => 1.0 / records.Count(o => o[0] == r[0] && o[1] == r[1])).ToList();
            var householdRisk = new double[file.Length];
            for (var h = 0; h < file.Length; h++)
            {
                var members = Enumerable.Range(0, records.Count).Where(i => households[i] == h).ToList();
                for (var subset = 1; subset < 1 << members.Count; subset++)
                {
                    var product = 1.0;
                    var size = 0;
                    for (var m = 0; m < members.Count; m++)
                    {
                        if ((subset >> m & 1) == 1)
                        {
                            product *= risk[members[m]];
                            size++;
                        }
                    }
                    householdRisk[h] += size % 2 == 1 ? product : -product;
                }
            }
            var expected = householdRisk.Sum();
            var persons = Enumerable.Range(0, records.Count).Sum(i => householdRisk[households[i]]);

            var report = MicrodataRisk.Measure(records, householdOf: households).Household!;
            Assert.Equal(file.Length, report.Households);
            Assert.Equal(expected, report.ExpectedReidentifiedHouseholds, 1e-9);
            Assert.Equal(expected / file.Length, report.GlobalRisk, 1e-9);
            Assert.Equal(persons, report.ExpectedReidentifiedPersons, 1e-9);
            Assert.Equal(persons / records.Count, report.PersonWeightedGlobalRisk, 1e-9);
            Assert.Equal(householdRisk.Max(), report.HighestHouseholdRisk, 1e-9);
            Assert.InRange(report.HouseholdsAboveHalfRisk, householdRisk.Count(r => r > 0.5 + 1e-9), householdRisk.Count(r => r > 0.5 - 1e-9));
            // Each member takes the household's risk, which is never below their own: the person-weighted figure
            // is never below the person-level global risk.
            Assert.True(report.PersonWeightedGlobalRisk >= risk.Average() - 1e-12);
        });
}

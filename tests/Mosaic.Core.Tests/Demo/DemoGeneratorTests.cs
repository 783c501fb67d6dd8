using FsCheck.Xunit;
using Mosaic.Core.Demo;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Tests.Demo;

public sealed class DemoGeneratorTests
{
    private static readonly DemoGenerator s_demo = new(new DemoOptions { Households = 1500, Seed = 11 });
    private static readonly IReadOnlyList<Household> s_households = [.. s_demo.Households()];

    [Fact]
    public void SameSeed_GivesIdenticalHouseholds()
    {
        var again = new DemoGenerator(new DemoOptions { Households = 300, Seed = 11 }).Households().ToList();
        Assert.Equal(300, again.Count);
        for (var i = 0; i < again.Count; i++)
            Assert.Equal(HouseholdFingerprint.Compute(s_households[i]), HouseholdFingerprint.Compute(again[i]));
    }

    [Fact]
    public void DifferentSeed_GivesDifferentHouseholdsAndIds()
    {
        var other = new DemoGenerator(new DemoOptions { Households = 200, Seed = 12 }).Households().ToList();
        Assert.All(other.Zip(s_households), pair => Assert.NotEqual(pair.First.SubmissionId, pair.Second.SubmissionId));
        Assert.NotEqual(other.Select(h => h.AreaPcode), s_households.Take(200).Select(h => h.AreaPcode));
    }

    [Fact]
    public void SmallerDataset_IsAPrefixOfABiggerOneWithTheSameSeed()
    {
        var small = new DemoGenerator(new DemoOptions { Households = 50, Seed = 11 });
        Assert.Equal(s_households.Take(50).Select(HouseholdFingerprint.Compute), small.Households().Select(HouseholdFingerprint.Compute));
    }

    [Fact]
    public void EveryHousehold_PassesTheImportRules()
    {
        var areas = s_demo.Areas().ToDictionary(a => a.Pcode);
        Assert.Empty(s_households.SelectMany(h => DemoHouseholdRules.Broken(h, areas)));
        Assert.Equal(s_households.Count, s_households.Select(h => h.SubmissionId).Distinct().Count());
    }

    [Property(MaxTest = 15)]
    public bool AnySeed_GivesValidHouseholds(long seed)
    {
        var demo = new DemoGenerator(new DemoOptions { Households = 40, Seed = seed });
        var areas = demo.Areas().ToDictionary(a => a.Pcode);
        return demo.Households().All(h => !DemoHouseholdRules.Broken(h, areas).Any());
    }

    [Fact]
    public void HouseholdSizes_AverageAboutFourAndAHalfResidents()
    {
        var mean = s_households.Average(h => h.Members.Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant));
        Assert.InRange(mean, 4.0, 5.0);
        Assert.True(s_households.All(h => h.Members.Count <= 13));
    }

    [Fact]
    public void MigratoryStatusMix_IsPlausibleForAFloodAndReturneeUpazila()
    {
        var persons = s_households.SelectMany(h => h.Members).ToList();
        double Share(MigratoryStatus s) => persons.Count(p => p.MigratoryStatus == s) / (double)persons.Count;
        Assert.InRange(Share(MigratoryStatus.NonMigrant), 0.65, 0.9);
        Assert.InRange(Share(MigratoryStatus.Idp), 0.03, 0.15);
        Assert.InRange(Share(MigratoryStatus.Returnee), 0.01, 0.05);
        Assert.InRange(Share(MigratoryStatus.InternalMigrant), 0.02, 0.1);
        Assert.InRange(Share(MigratoryStatus.Emigrant), 0.01, 0.05);
        Assert.InRange(Share(MigratoryStatus.Unknown), 0.001, 0.02);
    }

    [Fact]
    public void Returnees_AreMostlyMenOfWorkingAgeBackFromTheGulfOrMalaysiaIn2026()
    {
        var returnees = s_households.SelectMany(h => h.Members).Where(p => p.MigratoryStatus == MigratoryStatus.Returnee).ToList();
        Assert.NotEmpty(returnees);
        Assert.InRange(returnees.Count(p => p.Sex == Sex.Male && p.Age is >= 20 and <= 50) / (double)returnees.Count, 0.6, 0.85);
        Assert.All(returnees, p => Assert.Contains(p.PreviousCountry, new[] { "SAU", "ARE", "MYS", "QAT", "OMN", "KWT", "SGP", "JOR", "LBN" }));
        Assert.All(returnees.Where(p => p.MoveDate is not null), p => Assert.Equal(2026, p.MoveDate!.Value.Year));
        Assert.True(returnees.Count(p => p.MoveReason == MoveReason.JobLoss) > returnees.Count / 2);
        Assert.True(returnees.Count(p => p.MoveDate is null) < returnees.Count / 10);
    }

    [Fact]
    public void Returnees_IncludeWomenChildrenAndOlderMen_AsRealReturnFlowsDo()
    {
        // BMET/IOM: women are about a tenth to a sixth of Bangladeshi labour migrants; some families come back
        // together; some men return for good past 55. Each must be common enough for a union-level table.
        var returnees = s_households.SelectMany(h => h.Members).Where(p => p.MigratoryStatus == MigratoryStatus.Returnee).ToList();
        double Share(Func<Person, bool> which) => returnees.Count(which) / (double)returnees.Count;
        Assert.InRange(Share(p => p.Sex == Sex.Female && p.Age >= 18), 0.08, 0.22);
        Assert.InRange(Share(p => p.Age < 18), 0.01, 0.1);
        Assert.InRange(Share(p => p.Sex == Sex.Male && p.Age >= 55), 0.02, 0.12);
        // Women back from domestic work come from the Middle East (wives who lived in Malaysia are the exception).
        string[] middleEast = ["SAU", "JOR", "LBN", "ARE", "OMN", "QAT", "KWT"];
        var women = returnees.Where(p => p.Sex == Sex.Female && p.Age >= 18).ToList();
        Assert.True(women.Count(p => middleEast.Contains(p.PreviousCountry)) > 0.9 * women.Count);
        // A family that came back together came back on the same day from the same country.
        foreach (var h in s_households.Where(h => h.Members.Any(m => m.MigratoryStatus == MigratoryStatus.Returnee && m.Age < 18)))
        {
            var children = h.Members.Where(m => m.MigratoryStatus == MigratoryStatus.Returnee && m.Age < 18).ToList();
            var head = h.Members.Single(m => m.Relation == Relation.Head);
            if (head.MigratoryStatus == MigratoryStatus.Unknown)
                continue; // the enumerator could not establish the head's status
            Assert.Equal(MigratoryStatus.Returnee, head.MigratoryStatus);
            Assert.All(children, c => Assert.Equal(head.PreviousCountry, c.PreviousCountry));
        }
    }

    [Fact]
    public void DisplacedHouseholds_ComeFromAnotherVillageAfterErosionOrFlood()
    {
        var idps = s_households.Where(h => h.Members.Any(m => m.MigratoryStatus == MigratoryStatus.Idp)).ToList();
        Assert.NotEmpty(idps);
        Assert.All(idps, h => Assert.True(h.Shocks.HasFlag(Shocks.Erosion) || h.Shocks.HasFlag(Shocks.Flood)));
        var members = idps.SelectMany(h => h.Members.Where(m => m.MigratoryStatus == MigratoryStatus.Idp).Select(m => (h, m))).ToList();
        Assert.All(members.Where(x => x.m.PreviousPcode is not null), x => Assert.NotEqual(x.h.AreaPcode, x.m.PreviousPcode));
        Assert.True(members.Count(x => x.m.MoveReason == MoveReason.Disaster) > 0.8 * members.Count);
    }

    [Fact]
    public void Disability_IsAboutSixPercentAndRisesWithAge()
    {
        var answered = s_households.SelectMany(h => h.Members).Where(p => p.Disability is not null).ToList();
        Assert.InRange(answered.Count(p => p.Disability == true) / (double)answered.Count, 0.03, 0.1);
        double Rate(Func<Person, bool> f) => answered.Where(f).Count(p => p.Disability == true) / (double)answered.Count(f);
        Assert.True(Rate(p => p.Age >= 60) > 2 * Rate(p => p.Age < 45));
        Assert.Contains(s_households.SelectMany(h => h.Members), p => p.Age >= 5 && !p.WashingtonGroup.IsAnswered);
    }

    [Fact]
    public void MissingValues_AppearAtFieldDataRates()
    {
        double Missing(Func<Household, bool> isMissing) => s_households.Count(isMissing) / (double)s_households.Count;
        Assert.InRange(Missing(h => h.Gps is null), 0.01, 0.1);
        Assert.InRange(Missing(h => h.IncomeNow is null), 0.01, 0.08);
        Assert.InRange(Missing(h => h.Remittances is null), 0.005, 0.08);
        Assert.InRange(Missing(h => h.HouseholdCode is null), 0.005, 0.08);
    }

    [Fact]
    public void Gps_LiesInsideTheHouseholdsVillage()
    {
        foreach (var h in s_households.Where(h => h.Gps is not null))
        {
            var village = s_demo.Village(h.AreaPcode)!;
            Assert.True(village.Contains(h.Gps!.Value.Longitude, h.Gps.Value.Latitude), $"{h.SubmissionId} is outside {h.AreaPcode}");
        }
    }

    [Fact]
    public void SubmissionTimes_FallInTheAugustToOctober2026Campaign()
    {
        Assert.All(s_households, h => Assert.InRange(h.SubmittedAt!.Value, new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ReferenceWelfare_IsDrivenByWhatTheFormObserves()
    {
        // Poorer households (lower income now, temporary dwellings) must have lower reference welfare on average,
        // otherwise targeting errors measured against it mean nothing.
        var withIncome = s_households.Where(h => h.IncomeNow > 0).ToList();
        var correlation = Correlation(withIncome.Select(h => Math.Log(h.IncomeNow!.Value / h.Members.Count)).ToArray(),
            withIncome.Select(h => Math.Log(h.ReferenceWelfare!.Value)).ToArray());
        Assert.InRange(correlation, 0.3, 0.95);
        var temporary = s_households.Where(h => h.Dwelling == Dwelling.Temporary).Average(h => h.ReferenceWelfare!.Value);
        var permanent = s_households.Where(h => h.Dwelling == Dwelling.Permanent).Average(h => h.ReferenceWelfare!.Value);
        Assert.True(permanent > temporary);
    }

    [Fact]
    public void IncomeNow_FallsMostForReturneeAndErosionHouseholds()
    {
        double Ratio(Func<Household, bool> f) => s_households.Where(h => f(h) && h.IncomeBefore > 0 && h.IncomeNow is not null)
            .Average(h => h.IncomeNow!.Value / h.IncomeBefore!.Value);
        var host = Ratio(h => h.Shocks == Shocks.None);
        Assert.True(Ratio(h => h.Members.Any(m => m.MigratoryStatus == MigratoryStatus.Returnee)) < host - 0.15);
        Assert.True(Ratio(h => h.Shocks.HasFlag(Shocks.Erosion)) < host - 0.15);
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}

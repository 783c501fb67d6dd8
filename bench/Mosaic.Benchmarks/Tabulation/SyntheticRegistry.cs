using Mosaic.Core.Areas;
using Mosaic.Core.Demo;
using Mosaic.Core.Registry;

namespace Mosaic.Benchmarks.Tabulation;

/// <summary>
/// The benchmark's data source: Chilmari-shaped households generated directly (deterministic per seed). This is the
/// one function to switch to the demo generator once it lands (<c>mosaic demo --households N</c>). Villages vary in
/// size and some statuses are rare, so a real share of cells is small and disclosure control has work to do.
/// </summary>
internal static class SyntheticRegistry
{
    public const int VillagesPerUnion = 40;

    public static IReadOnlyList<Area> Areas()
    {
        var areas = new List<Area>
        {
            new(ChilmariGeography.CountryPcode, "Bangladesh", 0, null),
            new(ChilmariGeography.DivisionPcode, ChilmariGeography.DivisionName, 1, ChilmariGeography.CountryPcode),
            new(ChilmariGeography.DistrictPcode, ChilmariGeography.DistrictName, 2, ChilmariGeography.DivisionPcode),
            new(ChilmariGeography.UpazilaPcode, ChilmariGeography.UpazilaName, 3, ChilmariGeography.DistrictPcode),
        };
        foreach (var u in ChilmariGeography.Unions)
        {
            areas.Add(new(u.Pcode, u.Name, 4, ChilmariGeography.UpazilaPcode));
            for (var v = 1; v <= VillagesPerUnion; v++)
                areas.Add(new(Village(u.Pcode, v), $"{u.Name} village {v}", 5, u.Pcode));
        }
        return areas;
    }

    private static string Village(string union, int v) => $"{union}{v:000}";

    public static IEnumerable<Household> Households(int count, int seed)
    {
        var rng = new Random(seed);
        var unions = ChilmariGeography.Unions;
        for (var i = 0; i < count; i++)
        {
            var union = unions[rng.Next(unions.Count)].Pcode;
            // Village sizes fall off like 1/v: a few big villages and a tail of hamlets.
            var v = 1 + (int)Math.Min(VillagesPerUnion - 1, Math.Floor(Math.Pow(VillagesPerUnion, rng.NextDouble())) - 1);
            var size = 1 + Math.Min(11, (int)(-Math.Log(1 - rng.NextDouble()) * 3.9));
            var hostFamily = rng.Next(10) < 7;
            var members = new Person[size];
            for (var m = 0; m < size; m++)
                members[m] = Member(rng, m + 1, hostFamily);
            double before = rng.Next(4000, 30000);
            yield return new Household
            {
                SubmissionId = $"bench-{seed}-{i}",
                AreaPcode = Village(union, v),
                Dwelling = (Dwelling)(1 + rng.Next(4)),
                IncomeBefore = before,
                IncomeNow = before * (0.3 + rng.NextDouble()),
                Remittances = rng.Next(4) == 0,
                Shocks = (Shocks)(rng.Next(4) == 0 ? 1 : 0),
                Members = members,
            };
        }
    }

    private static Person Member(Random rng, int line, bool host)
    {
        var r = rng.Next(10_000);
        var status = host && r < 9_000 ? MigratoryStatus.NonMigrant : r switch
        {
            < 5_000 => MigratoryStatus.NonMigrant,
            < 6_500 => MigratoryStatus.Returnee,
            < 7_800 => MigratoryStatus.Idp,
            < 8_400 => MigratoryStatus.IdpReturnee,
            < 9_100 => MigratoryStatus.InternalMigrant,
            < 9_700 => MigratoryStatus.Emigrant,
            < 9_800 => MigratoryStatus.InternationalMigrant,
            < 9_860 => MigratoryStatus.Refugee,
            < 9_880 => MigratoryStatus.Stateless,
            _ => MigratoryStatus.Unknown,
        };
        return new Person
        {
            LineNumber = line,
            Sex = rng.Next(200) == 0 ? Sex.Unknown : rng.Next(2) == 0 ? Sex.Female : Sex.Male,
            Age = rng.Next(50) == 0 ? null : line == 1 ? rng.Next(18, 80) : rng.Next(0, 90),
            Relation = line == 1 ? Relation.Head : Relation.Child,
            MigratoryStatus = status,
        };
    }
}

using Mosaic.Core.Areas;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Deterministic pseudo-random registries for tabulation tests: realistic mixes (returnees, IDPs, emigrants, missing
/// answers) over the <see cref="Fixtures.Areas"/> tree plus a village level below the unions.
/// </summary>
public static class RandomRegistry
{
    /// <summary><see cref="Fixtures.Areas"/> plus three villages (level 5); one union has no villages.</summary>
    public static IReadOnlyList<Area> Areas { get; } =
    [
        .. Fixtures.Areas,
        new("BD55490917001", "Char Kalikapur", 5, "BD55490917") { CountryCode = "BGD" },
        new("BD55490917002", "Sabuj Para", 5, "BD55490917") { CountryCode = "BGD" },
        new("BD55490959001", "Ramna Bazar", 5, "BD55490959") { CountryCode = "BGD" },
    ];

    private static readonly string[] s_householdAreas = ["BD55490917001", "BD55490917002", "BD55490959001", "BD55490959", "BD5527"];
    private static readonly string[] s_countries = ["SAU", "MYS", "ARE", "QAT"];

    /// <summary>Imports <paramref name="count"/> random households in one committed batch (areas must be stored first).</summary>
    public static void Import(IMosaicStore store, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        // Also called from test constructors, which cannot await.
        store.Registry.ImportAsync("test", Households(count, seed)).GetAwaiter().GetResult();
    }

    public static List<Household> Households(int count, int seed)
    {
        var rng = new Random(seed);
        var result = new List<Household>(count);
        for (var i = 0; i < count; i++)
        {
            var size = 1 + rng.Next(6);
            var members = new List<Person>(size);
            for (var line = 1; line <= size; line++)
                members.Add(Member(rng, line));
            double? before = rng.Next(10) == 0 ? null : rng.Next(2000, 30000);
            double? now = before is null || rng.Next(12) == 0 ? null : before * rng.NextDouble() * 1.3;
            bool? remittances = rng.Next(8) == 0 ? null : rng.Next(3) == 0;
            result.Add(new Household
            {
                SubmissionId = $"rnd-{seed}-{i}",
                AreaPcode = s_householdAreas[rng.Next(s_householdAreas.Length)],
                Dwelling = rng.Next(10) == 0 ? null : (Dwelling)(1 + rng.Next(4)),
                IncomeBefore = before,
                IncomeNow = now,
                Remittances = remittances,
                RemittanceAmount = remittances == true ? rng.Next(0, 15000) : null,
                RemittanceChange = remittances == true && rng.Next(6) != 0 ? (RemittanceChange)(1 + rng.Next(4)) : null,
                Debt = rng.Next(9) == 0 ? null : rng.Next(2) == 0,
                Savings = rng.Next(9) == 0 ? null : rng.Next(4) == 0,
                AssistanceReceived = rng.Next(9) == 0 ? null : rng.Next(3) == 0,
                Shocks = (Shocks)rng.Next(256),
                Members = members,
            });
        }
        return result;
    }

    private static Person Member(Random rng, int line)
    {
        int? age = rng.Next(30) == 0 ? null : rng.Next(0, 95);
        var status = rng.Next(20) switch
        {
            < 10 => MigratoryStatus.NonMigrant,
            10 or 11 => MigratoryStatus.Returnee,
            12 or 13 => MigratoryStatus.Idp,
            14 => MigratoryStatus.IdpReturnee,
            15 => MigratoryStatus.InternalMigrant,
            16 => MigratoryStatus.Emigrant,
            17 => MigratoryStatus.Refugee,
            18 => MigratoryStatus.InternationalMigrant,
            _ => MigratoryStatus.Unknown,
        };
        var wg = age is >= 5 && rng.Next(5) != 0
            ? new WashingtonGroupAnswers(W(rng), W(rng), W(rng), W(rng), W(rng), W(rng))
            : default;
        return new Person
        {
            LineNumber = line,
            Sex = rng.Next(40) == 0 ? Sex.Unknown : rng.Next(2) == 0 ? Sex.Female : Sex.Male,
            Age = age,
            Relation = line == 1 ? Relation.Head : (Relation)rng.Next(5),
            MigratoryStatus = status,
            PreviousCountry = status == MigratoryStatus.Returnee && rng.Next(5) != 0 ? s_countries[rng.Next(s_countries.Length)] : null,
            MoveReason = status is MigratoryStatus.NonMigrant or MigratoryStatus.Unknown ? null : (MoveReason)rng.Next(7),
            WashingtonGroup = wg,
            InSchool = age is >= 5 and <= 17 && rng.Next(6) != 0 ? rng.Next(4) != 0 : null,
            EmployedBefore = age >= 15 && rng.Next(6) != 0 ? rng.Next(3) != 0 : null,
            EmployedNow = age >= 15 && rng.Next(6) != 0 ? rng.Next(2) != 0 : null,
        };
    }

    private static byte? W(Random rng) => rng.Next(12) == 0 ? null : (byte)(rng.Next(10) switch { < 6 => 1, < 8 => 2, 8 => 3, _ => 4 });
}

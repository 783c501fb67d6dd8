using System.Globalization;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>Generates household number <c>index</c> of a demo dataset from its own random stream.</summary>
internal static class HouseholdFactory
{
    // Registration campaign after the 2026 monsoon: mid-August to the end of October.
    private static readonly DateOnly s_campaignStart = new(2026, 8, 16);
    private static readonly DateOnly s_campaignEnd = new(2026, 10, 31);

    public static Household Create(DemoGenerator demo, long index)
    {
        var seed = demo.Options.Seed;
        var r = DemoRandom.For(seed, DemoStreams.Households, index);
        var village = demo.PickVillage(r);
        var kind = PickKind(r, village);
        var hindu = kind != DemoHouseholdKind.Refugee && r.Chance(0.1);
        var emigrants = r.Chance(kind == DemoHouseholdKind.Returnee ? 0.12 : 0.085) ? (r.Chance(0.85) ? 1 : 2) : 0;
        var submitted = SubmissionTime(r);
        var registered = DateOnly.FromDateTime(submitted.UtcDateTime);

        var welfare = r.Normal() + demo.VillageEffect(village) + (emigrants > 0 ? 0.35 : 0) + (hindu ? -0.1 : 0) + kind switch
        {
            DemoHouseholdKind.Idp => -0.45,
            DemoHouseholdKind.IdpReturnee => -0.3,
            DemoHouseholdKind.Refugee => -0.8,
            _ => 0,
        };

        var members = RosterBuilder.Build(r, emigrants, hindu);
        MigrationFacts.Assign(r, kind, members, village, demo, registered);
        var hazards = Livelihood.HazardShocks(r, village, kind);
        var shockHit = (hazards.HasFlag(Shocks.Flood) ? 0.15 * (0.5 + village.RiverExposure) : 0) + (hazards.HasFlag(Shocks.Erosion) ? 0.25 : 0);
        foreach (var m in members)
            MemberAttributes.Assign(r, m, welfare, shockHit);
        var economy = Livelihood.Build(r, village, kind, hazards, members, welfare);

        GeoPoint? gps = null;
        if (r.Chance(0.955))
        {
            var p = village.RandomPoint(r);
            // Phones report ~6 decimals; altitude of the Brahmaputra floodplain is 20–30 m.
            gps = new GeoPoint(Math.Round(p.Y, 6), Math.Round(p.X, 6), Math.Round(r.Uniform(18, 32), 1), Math.Round(r.Uniform(3, 15), 1));
        }

        var people = new Person[members.Count];
        for (var i = 0; i < members.Count; i++)
            people[i] = members[i].ToPerson(i + 1);
        return new Household
        {
            SubmissionId = SubmissionId(seed, index),
            HouseholdCode = r.Chance(0.97) ? "CHL-" + (index + 1).ToString("D7", CultureInfo.InvariantCulture) : null,
            AreaPcode = village.Pcode,
            SubmittedAt = submitted,
            Gps = gps,
            Dwelling = economy.Dwelling,
            IncomeBefore = economy.IncomeBefore,
            IncomeNow = economy.IncomeNow,
            Remittances = economy.Remittances,
            RemittanceAmount = economy.RemittanceAmount,
            RemittanceChange = economy.RemittanceChange,
            Debt = economy.Debt,
            Savings = economy.Savings,
            AssistanceReceived = economy.AssistanceReceived,
            Shocks = economy.Shocks,
            ReferenceWelfare = economy.ReferenceWelfare,
            Members = people,
        };
    }

    private static DemoHouseholdKind PickKind(DemoRandom r, DemoVillage village)
    {
        var exposure = village.RiverExposure;
        var idp = 0.035 + 0.11 * exposure;
        var idpReturnee = 0.015 + 0.035 * exposure;
        const double returnee = 0.085;
        const double internalMigrant = 0.05;
        const double internationalMigrant = 0.002;
        const double refugee = 0.0006;
        var x = r.NextDouble();
        return (x -= idp) < 0 ? DemoHouseholdKind.Idp
            : (x -= idpReturnee) < 0 ? DemoHouseholdKind.IdpReturnee
            : (x -= returnee) < 0 ? DemoHouseholdKind.Returnee
            : (x -= internalMigrant) < 0 ? DemoHouseholdKind.InternalMigrant
            : (x -= internationalMigrant) < 0 ? DemoHouseholdKind.InternationalMigrant
            : (x -= refugee) < 0 ? DemoHouseholdKind.Refugee
            : DemoHouseholdKind.Host;
    }

    /// <summary>Working hours (09:00–17:30 Bangladesh time, UTC+6) on any day but Friday, in UTC as Kobo stores it.</summary>
    private static DateTimeOffset SubmissionTime(DemoRandom r)
    {
        var day = s_campaignStart.AddDays(r.Between(0, s_campaignEnd.DayNumber - s_campaignStart.DayNumber));
        if (day.DayOfWeek == DayOfWeek.Friday)
            day = day.AddDays(-1);
        var seconds = r.Between(3 * 3600, 11 * 3600 + 1800);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(seconds);
    }

    /// <summary>A version-4-shaped UUID derived from (seed, index): re-running the demo yields the same ids.</summary>
    public static string SubmissionId(long seed, long index)
    {
        var r = DemoRandom.For(seed, DemoStreams.SubmissionIds, index);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, r.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], r.NextUInt64());
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(bytes[..4]) + "-" + Convert.ToHexStringLower(bytes[4..6]) + "-" +
               Convert.ToHexStringLower(bytes[6..8]) + "-" + Convert.ToHexStringLower(bytes[8..10]) + "-" +
               Convert.ToHexStringLower(bytes[10..]);
    }
}

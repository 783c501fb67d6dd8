using Mosaic.Core.Areas;
using Mosaic.Core.Mobility;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Demo;

/// <summary>
/// The mobility part of the demo (DESIGN §6): three key-informant assessment rounds for the Chilmari unions
/// (erosion and flood IDPs, IDP returnees, returnees from abroad) and a river border flow monitoring point with
/// 120 days of observations, including a 20-day border closure. Deterministic for a seed.
/// </summary>
internal static class MobilityDemo
{
    public const string Dataset = "demo";
    public const string Operation = "Chilmari floods and riverbank erosion";
    public const string PointCode = "BGD-FMP-CHL-01";

    /// <summary>First observed day at the flow monitoring point.</summary>
    public static DateOnly FlowStart { get; } = new(2026, 5, 1);

    /// <summary>The border closure: first and last closed day.</summary>
    public static (DateOnly From, DateOnly To) Closure { get; } = (new DateOnly(2026, 6, 20), new DateOnly(2026, 7, 9));

    public const int FlowDays = 120;

    /// <summary>Reporting dates of rounds 1–3: before the 2026 monsoon, during the floods, after them (when the registry campaign ran).</summary>
    public static IReadOnlyList<DateOnly> RoundDates { get; } = [new(2026, 3, 31), new(2026, 6, 30), new(2026, 9, 30)];

    /// <summary>Writes the demo's mobility data (areas first, so links resolve).</summary>
    /// <param name="store">The unit of work written to.</param>
    /// <param name="seed">The demo's seed.</param>
    /// <param name="cancellationToken">Stops the writes (each one commits whole or not at all).</param>
    public static async Task WriteAsync(IMosaicStore store, long seed = 42, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.Areas.UpsertAsync(Areas(), cancellationToken: cancellationToken);
        await store.Mobility.UpsertAssessmentsAsync(Assessments(seed), cancellationToken);
        await store.Mobility.UpsertFlowsAsync([Point], Observations(seed), cancellationToken);
    }

    /// <summary>Country → division → district → upazila → unions of the demo geography.</summary>
    public static IReadOnlyList<Area> Areas() =>
    [
        new(ChilmariGeography.CountryPcode, "Bangladesh", 0, null) { CountryCode = "BGD" },
        new(ChilmariGeography.DivisionPcode, ChilmariGeography.DivisionName, 1, ChilmariGeography.CountryPcode) { CountryCode = "BGD" },
        new(ChilmariGeography.DistrictPcode, ChilmariGeography.DistrictName, 2, ChilmariGeography.DivisionPcode) { CountryCode = "BGD" },
        new(ChilmariGeography.UpazilaPcode, ChilmariGeography.UpazilaName, 3, ChilmariGeography.DistrictPcode) { CountryCode = "BGD" },
        .. ChilmariGeography.Unions.Select(u => new Area(u.Pcode, u.Name, 4, ChilmariGeography.UpazilaPcode) { CountryCode = "BGD" }),
    ];

    public static FlowMonitoringPoint Point { get; } = new(PointCode, "Chilmari river ghat (Brahmaputra, towards Dhubri)", FlowPointType.RiverBorder,
        "BD55490931", new GeoPoint(25.548, 89.728), ["BGD", "IND"]);

    /// <summary>Three rounds; Nayarhat is first assessed in round 2 and Ashtamir Char is cut off by water in round 3.</summary>
    public static IReadOnlyList<LocationAssessment> Assessments(long seed = 42)
    {
        var random = new Random(Seed(seed, 0));
        var result = new List<LocationAssessment>();
        var now = new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);
        var unions = ChilmariGeography.Unions;
        for (var round = 1; round <= 3; round++)
        {
            foreach (var (pcode, name, _, _, isChar) in unions)
            {
                if ((round == 1 && name == "Nayarhat") || (round == 3 && name == "Ashtamir Char"))
                    continue;
                // Char unions lose land to the river: more erosion IDPs, fewer returns as the season ends.
                var idps = (int)((isChar ? 2400 : 900) * (round switch { 1 => 1.0, 2 => 0.8, _ => 0.55 }) * (0.85 + 0.3 * random.NextDouble()));
                var idpReturnees = round == 1 ? 0 : (int)((isChar ? 500 : 350) * (round - 1) * (0.8 + 0.4 * random.NextDouble()));
                var returnees = (int)((isChar ? 180 : 420) * (1 + 0.35 * (round - 1)) * (0.8 + 0.4 * random.NextDouble()));
                var origin = unions[(Array.FindIndex([.. unions], u => u.Pcode == pcode) + 1) % unions.Count];
                var keyInformants = 3 + random.Next(4);
                result.Add(new LocationAssessment
                {
                    RecordId = $"demo:{pcode}:{round}",
                    Dataset = Dataset,
                    Operation = Operation,
                    OperationStatus = "Active",
                    Type = AssessmentType.BaselineArea,
                    Round = round,
                    ReportingDate = RoundDates[round - 1],
                    Location = new AssessmentLocation(4, "BGD", "Bangladesh", ChilmariGeography.DivisionPcode, ChilmariGeography.DivisionName,
                        ChilmariGeography.DistrictPcode, ChilmariGeography.DistrictName)
                    { LocalPcode = pcode, LocalName = name },
                    AreaPcode = pcode,
                    Match = AreaMatch.Pcode,
                    Counts =
                    [
                        Count(PopulationType.Idp, idps, random),
                        .. idpReturnees > 0 ? [Count(PopulationType.IdpReturnee, idpReturnees, random)] : Array.Empty<PopulationCount>(),
                        // Key informants rarely know returnees' ages: totals and households only.
                        new PopulationCount(PopulationType.Returnee, returnees, (returnees + 2) / 3),
                    ],
                    OriginPcode = isChar ? pcode : origin.Pcode,
                    OriginName = isChar ? name : origin.Name,
                    DisplacementReason = isChar ? "Riverbank erosion" : "Flood",
                    ArrivalPeriod = round == 1 ? "2026-02" : "2026-05/2026-08",
                    Shelter = isChar ? "embankment_shelter" : "host_family",
                    Needs = isChar ? ["shelter", "food", "drinking_water"] : ["food", "livelihoods", "shelter"],
                    KeyInformants = keyInformants,
                    Provenance = new Provenance("mosaic demo", round, now),
                });
            }
        }
        return result;
    }

    // System.Random takes an int seed: fold the demo's long seed and a stream number into one, deterministically
    // (HashCode is randomised per process, so it cannot be used here).
    private static int Seed(long seed, int stream) => (int)(((seed * 1_000_003L) + stream + 77) & int.MaxValue);

    private static PopulationCount Count(PopulationType type, int individuals, Random random)
    {
        // Displaced populations here are young: roughly 14% under 5, 35% 5–17, 44% 18–59, 7% 60+; slightly more women.
        double[] shares = [0.14, 0.35, 0.44, 0.07];
        var cells = new List<SexAgeCount>(8);
        long males = 0, females = 0;
        foreach (var (sex, share) in new[] { (Sex.Female, 0.52), (Sex.Male, 0.48) })
        {
            for (var g = 0; g < 4; g++)
            {
                var n = (long)(individuals * share * shares[g] * (0.9 + 0.2 * random.NextDouble()));
                cells.Add(new SexAgeCount(sex, AgeGroups.All[g], n));
                if (sex == Sex.Male)
                    males += n;
                else
                    females += n;
            }
        }
        var total = Math.Max(individuals, males + females);
        return new PopulationCount(type, total, (total + 3) / 4, males, females) { BySexAndAge = cells };
    }

    /// <summary>120 days at the river ghat: traders and workers both ways, returns and family visits; closed for 20 days.</summary>
    public static IReadOnlyList<FlowObservation> Observations(long seed = 42)
    {
        var random = new Random(Seed(seed, 1));
        var result = new List<FlowObservation>();
        (FlowReason Reason, TravellerType Traveller, TransportMode Transport, double In, double Out)[] profiles =
        [
            (FlowReason.Trade, TravellerType.InformalTrader, TransportMode.Boat, 60, 62),
            (FlowReason.Work, TravellerType.MigrantWorker, TransportMode.Boat, 18, 35),
            (FlowReason.Family, TravellerType.Resident, TransportMode.Boat, 22, 21),
            (FlowReason.Return, TravellerType.Returnee, TransportMode.Boat, 9, 1),
            (FlowReason.Displacement, TravellerType.Displaced, TransportMode.Boat, 2, 0.5),
        ];
        for (var day = 0; day < FlowDays; day++)
        {
            var date = FlowStart.AddDays(day);
            var closed = date >= Closure.From && date <= Closure.To;
            var reopened = date > Closure.To && date <= Closure.To.AddDays(10);
            foreach (var (reason, traveller, transport, inMean, outMean) in profiles)
            {
                foreach (var direction in new[] { FlowDirection.In, FlowDirection.Out })
                {
                    var mean = direction == FlowDirection.In ? inMean : outMean;
                    // Closed: only returns and people fleeing are let through; after reopening, pent-up returns.
                    if (closed)
                        mean = reason is FlowReason.Return or FlowReason.Displacement ? mean * 0.6 : 0;
                    else if (reopened && reason == FlowReason.Return && direction == FlowDirection.In)
                        mean *= 3;
                    var total = (int)Math.Round(mean * (0.6 + 0.8 * random.NextDouble()));
                    if (total == 0)
                        continue;
                    var maleShare = traveller is TravellerType.InformalTrader or TravellerType.MigrantWorker ? 0.8 : 0.5;
                    var men = (int)(total * maleShare);
                    var women = total - men;
                    var childrenM = traveller == TravellerType.Displaced || traveller == TravellerType.Resident ? men / 4 : 0;
                    var childrenF = traveller == TravellerType.Displaced || traveller == TravellerType.Resident ? women / 4 : 0;
                    var counts = new FlowCounts(0, childrenM, men - childrenM, 0, 0, childrenF, women - childrenF, 0, total);
                    result.Add(new FlowObservation(
                        $"demo:{PointCode}:{date:yyyyMMdd}:{MobilityCodes.Direction[direction]}:{MobilityCodes.Reason[reason]}",
                        PointCode, date, direction, counts, direction == FlowDirection.In ? "BGD" : traveller == TravellerType.InformalTrader ? "IND" : "BGD",
                        direction == FlowDirection.In ? "Dhubri (IND)" : "BD55490931", direction == FlowDirection.In ? "BD55490931" : "Dhubri (IND)",
                        reason, transport, traveller)
                    {
                        Provenance = new Provenance("mosaic demo", day + 1, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)),
                    });
                }
            }
        }
        return result;
    }
}

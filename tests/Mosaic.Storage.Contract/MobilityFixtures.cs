using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

/// <summary>Small, hand-made mobility records for the store contract suite (areas from <see cref="Fixtures.Areas"/>).</summary>
public static class MobilityFixtures
{
    public static Provenance From(string file, long row) => new(file, row, new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A village assessment with every field set, sex × age cells included.</summary>
    public static LocationAssessment Village(string recordId = "dtm:adm3:101", int round = 1, string dataset = "dtm") => new()
    {
        RecordId = recordId,
        SourceId = 101,
        Dataset = dataset,
        Operation = "Chilmari floods",
        OperationStatus = "Active",
        Type = AssessmentType.Village,
        Round = round,
        ReportingDate = new DateOnly(2026, 8, 1).AddMonths(round),
        Location = new AssessmentLocation(3, "BGD", "Bangladesh", "BD55", "Rangpur", "BD5549", "Kurigram")
        {
            LocalPcode = "BD55490917",
            LocalName = "Ashtamir Char",
        },
        AreaPcode = "BD55490917",
        Match = AreaMatch.Pcode,
        Counts =
        [
            new PopulationCount(PopulationType.Idp, 120, 30, 55, 65)
            {
                BySexAndAge = [new SexAgeCount(Sex.Female, "0-4", 10), new SexAgeCount(Sex.Male, "0-4", 9)],
            },
            new PopulationCount(PopulationType.Returnee, 40, 9),
        ],
        OriginPcode = "BD55490959",
        OriginName = "Ramna",
        DisplacementReason = "Natural disaster",
        ArrivalPeriod = "2026-07",
        Shelter = "host_family",
        Needs = ["food", "shelter", "water"],
        KeyInformants = 4,
        Provenance = From("village.csv", 2),
    };

    /// <summary>A country-level record known by name only, with households but no individuals for IDPs.</summary>
    public static LocationAssessment NameOnly(string recordId, int round, string? name) => new()
    {
        RecordId = recordId,
        Dataset = "names",
        Round = round,
        ReportingDate = new DateOnly(2024, 3, round),
        Location = new AssessmentLocation(3, "BGD", "Bangladesh") { LocalName = name },
        Counts = [new PopulationCount(PopulationType.Idp, null, 4), new PopulationCount(PopulationType.Returnee, 12)],
    };

    public static FlowMonitoringPoint Ghat { get; } =
        new("BGD-FMP-001", "Chilmari ghat", FlowPointType.RiverBorder, "BD55490917", new GeoPoint(25.55, 89.73), ["BGD", "IND"]);

    public static FlowMonitoringPoint Road { get; } =
        new("BGD-FMP-002", "Ramna road", FlowPointType.LandBorder, "BD55490959", null, ["BGD"]);

    public static FlowObservation Crossing(string recordId, FlowMonitoringPoint point, DateOnly date, FlowDirection direction, int total,
        FlowReason reason = FlowReason.Trade, TravellerType traveller = TravellerType.InformalTrader) =>
        new(recordId, point.Code, date, direction, new FlowCounts(1, 0, total / 2, 0, 0, 0, 0, 0, total), "BGD", "BD55490959", "IND",
            reason, TransportMode.Boat, traveller)
        {
            Provenance = From("flows.csv", 2),
        };

    /// <summary>A week of crossings at two points, both ways, for two reasons; several groups a day.</summary>
    public static IReadOnlyList<FlowObservation> Week()
    {
        var result = new List<FlowObservation>();
        var start = new DateOnly(2026, 9, 1);
        for (var day = 0; day < 7; day++)
        {
            foreach (var point in new[] { Ghat, Road })
            {
                result.Add(Crossing($"{point.Code}-{day}-a", point, start.AddDays(day), FlowDirection.In, 10 + day));
                result.Add(Crossing($"{point.Code}-{day}-b", point, start.AddDays(day), FlowDirection.In, 3, FlowReason.Family, TravellerType.Resident));
                result.Add(Crossing($"{point.Code}-{day}-c", point, start.AddDays(day), FlowDirection.Out, 20 - day));
            }
        }
        return result;
    }

    /// <summary>What the assessment totals must be: derived from the full stored assessments.</summary>
    public static async Task<List<AssessmentTotalRow>> ExpectedTotals(IMobilityStore store) => SortTotals(
        (await store.ReadAssessmentsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).SelectMany(a => a.Counts.Select(c => new AssessmentTotalRow(
            a.Dataset, a.Operation, a.Location.AdminLevel, a.Round, a.ReportingDate, AssessmentSeries.LocationKey(a.Location),
            a.Location.Name, a.AreaPcode, a.Location.Admin0Pcode, a.Location.Admin1Pcode, a.Location.Admin2Pcode,
            c.Type, c.Individuals, c.Households)
        {
            Assessment = a.Type,
            Admin0Name = a.Location.Admin0Name,
            Admin1Name = a.Location.Admin1Name,
            Admin2Name = a.Location.Admin2Name,
        })));

    /// <summary>Totals in a fixed order (the store promises none).</summary>
    public static List<AssessmentTotalRow> SortTotals(IEnumerable<AssessmentTotalRow> rows) =>
        [.. rows.OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Round).ThenBy(r => r.LocationKey, StringComparer.Ordinal).ThenBy(r => r.Type)];
}

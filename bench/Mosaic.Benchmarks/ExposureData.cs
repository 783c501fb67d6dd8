using Mosaic.Core.Areas;
using Mosaic.Core.Hazards;
using Mosaic.Core.Registry;
using NetTopologySuite.Geometries;

namespace Mosaic.Benchmarks;

/// <summary>
/// The exposure benchmark's data, seeded: households with GPS points spread over a 1°×1° square, a flood
/// layer of star-shaped polygons with ~100 vertices each, and an erosion layer of narrower strips.
/// </summary>
internal static class ExposureData
{
    public const double MinLon = 89.0, MinLat = 25.0, Size = 1.0;

    private static readonly GeometryFactory s_factory = new(new PrecisionModel(), 4326);

    public static HazardLayer Layer(HazardType type, int count, int vertices, int seed, double minRadius, double maxRadius)
    {
        var r = new Random(seed);
        var polygons = new List<HazardPolygon>(count);
        for (var i = 0; i < count; i++)
        {
            var cx = MinLon + r.NextDouble() * Size;
            var cy = MinLat + r.NextDouble() * Size;
            var radius = minRadius + r.NextDouble() * (maxRadius - minRadius);
            var ring = new Coordinate[vertices + 1];
            for (var v = 0; v < vertices; v++)
            {
                // Star-shaped around the centre (angles increase), so the ring is always simple.
                var angle = 2 * Math.PI * v / vertices;
                var rr = radius * (0.7 + 0.3 * r.NextDouble());
                ring[v] = new Coordinate(cx + rr * Math.Cos(angle), cy + rr * Math.Sin(angle));
            }
            ring[vertices] = ring[0].Copy();
            polygons.Add(new HazardPolygon(s_factory.CreatePolygon(ring), Math.Round(0.1 + 0.9 * r.NextDouble(), 2)));
        }
        return new HazardLayer(type, type.ToString(), "bench", polygons);
    }

    public static List<Household> Households(int count, int seed)
    {
        var r = new Random(seed);
        var list = new List<Household>(count);
        for (var i = 0; i < count; i++)
        {
            var size = 1 + r.Next(7);
            var members = new Person[size];
            for (var m = 0; m < size; m++)
            {
                var age = m == 0 ? 20 + r.Next(50) : r.Next(80);
                members[m] = new Person
                {
                    LineNumber = m + 1,
                    Sex = r.Next(2) == 0 ? Sex.Female : Sex.Male,
                    Age = age,
                    Relation = m == 0 ? Relation.Head : Relation.Child,
                    MigratoryStatus = r.NextDouble() < 0.15 ? MigratoryStatus.Returnee : MigratoryStatus.NonMigrant,
                    WashingtonGroup = new WashingtonGroupAnswers(1, 1, (byte)(r.NextDouble() < 0.05 ? 3 : 1), 1, 1, 1),
                    EmployedBefore = age >= 15 ? r.NextDouble() < 0.6 : null,
                    EmployedNow = age >= 15 ? r.NextDouble() < 0.45 : null,
                    InSchool = age is >= 6 and <= 17 ? r.NextDouble() < 0.8 : null,
                };
            }
            var before = 5000 + r.NextDouble() * 20000;
            var remittances = r.NextDouble() < 0.3;
            list.Add(new Household
            {
                Id = i + 1,
                SubmissionId = "bench-" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                AreaPcode = "U" + (i % 50).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
                Gps = new GeoPoint(MinLat + r.NextDouble() * Size, MinLon + r.NextDouble() * Size),
                Dwelling = (Dwelling)r.Next(1, 5),
                IncomeBefore = before,
                IncomeNow = before * (1 - r.NextDouble() * 0.8),
                Remittances = remittances,
                RemittanceChange = remittances ? (r.NextDouble() < 0.3 ? RemittanceChange.Stopped : RemittanceChange.Same) : null,
                Debt = r.NextDouble() < 0.4,
                Savings = r.NextDouble() < 0.3,
                AssistanceReceived = r.NextDouble() < 0.15,
                Shocks = r.NextDouble() < 0.4 ? Shocks.Flood : Shocks.None,
                Members = members,
            });
        }
        return list;
    }

    /// <summary>50 unions under one upazila, district, division, country: five ranking levels.</summary>
    public static List<Area> Areas()
    {
        var areas = new List<Area> { new("BGD", "Bangladesh", 0, null), new("BD55", "Rangpur", 1, "BGD"), new("BD5549", "Kurigram", 2, "BD55"), new("BD554909", "Chilmari", 3, "BD5549") };
        for (var u = 0; u < 50; u++)
            areas.Add(new Area("U" + u.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "Union " + u, 4, "BD554909"));
        return areas;
    }
}

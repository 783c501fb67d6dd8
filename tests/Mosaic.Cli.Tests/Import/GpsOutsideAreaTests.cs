using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;
using NetTopologySuite.Geometries;

namespace Mosaic.Cli.Tests.Import;

/// <summary>A GPS point outside the boundary of the household's area is a warning naming the area; the household is stored.</summary>
public sealed class GpsOutsideAreaTests : IDisposable
{
    private const string Members = "_parent_index,sex,age,relation,mig_status\n";

    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public GpsOutsideAreaTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        Polygon Box(double west, double south, double east, double north) => factory.CreatePolygon(
            [new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)]);
        using var store = TestDb.Open(_db);
        // Chilmari has a boundary, its village Ashtamir Char none (a village is checked against its union); Ramna has its own.
        store.Areas.UpsertAsync(Fixtures.Areas.Select(a => a.Pcode switch
        {
            "BD554909" => a with { Boundary = Box(89.60, 25.70, 89.75, 25.90) },
            "BD55490959" => a with { Boundary = Box(89.66, 25.78, 89.68, 25.80) },
            _ => a,
        })).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void PointOutsideTheAreasBoundary_IsAWarningNamingIt_AndTheHouseholdIsStored()
    {
        File.WriteAllText(_dir.File("hh.csv"),
            "_index,_uuid,consent,adm_pcode,gps\n" +
            "1,u1,yes,BD55490917,25.80 89.65 20 5\n" + // inside the union
            "2,u2,yes,BD55490917,25.30 89.65 20 5\n" + // 55 km south of it
            "3,u3,yes,BD55490917,89.65 25.80\n" + // swapped
            "4,u4,yes,BD55490917,0 0\n" + // a missing fix as zeros
            "5,u5,yes,BD55490959,25.85 89.70\n" + // inside the union, outside the village's own boundary
            "6,u6,yes,BD55490959,25.79 89.67\n" + // inside the village
            "7,u7,yes,BD55490917,\n");
        File.WriteAllText(_dir.File("members.csv"), Members + string.Concat(Enumerable.Range(1, 7).Select(i => $"{i},female,30,head,non_migrant\n")));

        var run = CliRun.Invoke("import", "registrations", _dir.File("hh.csv"), "--members", _dir.File("members.csv"), "--db", _db, "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal((7L, 0L, 4L), (run.Json.GetProperty("households_imported").GetInt64(), run.Json.GetProperty("issues").GetInt64(),
            run.Json.GetProperty("warnings").GetInt64()));
        Assert.Equal(
            [
                "file,sheet,row,column,value,reason",
                "hh.csv,,3,gps,25.30 89.65 20 5,\"warning: GPS 25.3 89.65 lies outside the boundary of BD554909 (Chilmari), which contains BD55490917: check the point or the P-code (the household is stored)\"",
                "hh.csv,,4,gps,89.65 25.80,\"warning: GPS 89.65 25.8 lies outside the boundary of BD554909 (Chilmari), which contains BD55490917: latitude and longitude swapped? (the swapped point is inside)\"",
                "hh.csv,,5,gps,0 0,warning: GPS 0 0 is in the Gulf of Guinea: a missing fix recorded as zeros?",
                "hh.csv,,6,gps,25.85 89.70,warning: GPS 25.85 89.7 lies outside the boundary of its area BD55490959 (Ramna): check the point or the P-code (the household is stored)",
            ],
            File.ReadAllLines(_dir.File("hh.csv") + ".warnings.csv")); // warnings alone: no "errors" file
        Assert.False(File.Exists(_dir.File("hh.csv") + ".errors.csv"));
        Assert.Equal(7, RegistryFileQuery.Count(_db, "SELECT count(*) FROM household"));
        Assert.Equal(2530, RegistryFileQuery.Count(_db, "SELECT CAST(round(lat * 100) AS INTEGER) FROM household WHERE submission_id = 'u2'"));
    }

    [Fact]
    public async Task WithoutAnyBoundary_ThePointIsCheckedAgainstTheCountryOfTheAreasPcode()
    {
        var db = TestDb.At(_dir.File("plain.db"));
        using (var store = TestDb.Open(db))
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken); // no boundary anywhere
        File.WriteAllText(_dir.File("hh2.csv"),
            "_index,_uuid,consent,adm_pcode,gps\n" +
            "1,u1,yes,BD55490917,25.80 89.65\n" + // Kurigram, in Bangladesh
            "2,u2,yes,BD55490917,48.85 2.35\n" + // Paris
            "3,u3,yes,BD55490917,89.65 25.80\n" + // swapped
            "4,u4,yes,BD55490917,25.80 -89.65\n" + // the longitude's sign lost
            "5,u5,yes,BD55490959,23.81 90.41\n"); // Dhaka, not in that union but in the country: no finer check without boundaries
        File.WriteAllText(_dir.File("m2.csv"), Members + string.Concat(Enumerable.Range(1, 5).Select(i => $"{i},female,30,head,non_migrant\n")));

        var run = CliRun.Invoke("import", "registrations", _dir.File("hh2.csv"), "--members", _dir.File("m2.csv"), "--db", db, "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal((5L, 3L), (run.Json.GetProperty("households_imported").GetInt64(), run.Json.GetProperty("warnings").GetInt64()));
        const string Country = "lies outside Bangladesh (BD), the country of BD55490917 (no boundary is imported for it: checked against the country's bounding box)";
        Assert.Equal(
            [
                "file,sheet,row,column,value,reason",
                $"hh2.csv,,3,gps,48.85 2.35,\"warning: GPS 48.85 2.35 {Country}: check the point or the P-code (the household is stored)\"",
                $"hh2.csv,,4,gps,89.65 25.80,\"warning: GPS 89.65 25.8 {Country}: latitude and longitude swapped? (the swapped point is inside)\"",
                $"hh2.csv,,5,gps,25.80 -89.65,\"warning: GPS 25.8 -89.65 {Country}: check the point or the P-code (the household is stored)\"",
            ],
            File.ReadAllLines(_dir.File("hh2.csv") + ".warnings.csv"));
        Assert.Equal(5, RegistryFileQuery.Count(db, "SELECT count(*) FROM household"));
    }
}

using System.Text.Json;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Registry;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// ODK Central's CSV zip of the standard form (tests/data/registrations/odk-central): the geopoint split into four
/// columns, a consent "no" submission with every other answer empty, Central's metadata columns.
/// </summary>
public sealed class OdkCentralLayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public OdkCentralLayoutTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private string Copy(params string[] parts)
    {
        var path = _dir.File(parts[^1]);
        File.Copy(TestData.Path(parts), path, overwrite: true);
        return path;
    }

    private (int Exit, JsonElement Json, string Err) Import(params string[] args)
    {
        var run = CliRun.Invoke(["import", "registrations", .. args, "--db", _db, "--json"]);
        var json = run.Out.Length > 0 ? JsonDocument.Parse(run.Out).RootElement : default;
        return (run.ExitCode, json, run.Error);
    }

    private async Task<Dictionary<string, GeoPoint?>> Points()
    {
        using var store = TestDb.Open(_db);
        return (await store.Registry.ReadHouseholdsAsync(fields: HouseholdFields.Standard | HouseholdFields.Location, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))
            .ToDictionary(h => h.SubmissionId, h => h.Gps);
    }

    [Fact]
    public async Task OdkZip_GeopointInFourColumns_IsStoredAsOnePoint_AndDeclinedConsentIsCounted()
    {
        var zip = Copy("registrations", "odk-central", "odk-central-export.zip");
        var (exit, json, err) = Import(zip);

        Assert.True(exit == ExitCodes.Success, err);
        Assert.Equal(3, json.GetProperty("households_imported").GetInt64());
        Assert.Equal(1, json.GetProperty("households_declined").GetInt64());
        Assert.Equal(0, json.GetProperty("households_rejected").GetInt64());
        Assert.Equal(0, json.GetProperty("issues").GetInt64());
        Assert.False(File.Exists(zip + ".errors.csv"));

        var points = await Points();
        Assert.Equal(new GeoPoint(25.5741, 89.6712, 21.3, 4.5), points["uuid:0f3c9a1e-1"]);
        Assert.Equal(new GeoPoint(25.6012, 89.7001, 0, 0), points["uuid:0f3c9a1e-4"]);
        Assert.Null(points["uuid:0f3c9a1e-3"]);
        Assert.False(points.ContainsKey("uuid:0f3c9a1e-2")); // declined: never stored
        Assert.Equal(3, points.Count);
    }

    [Fact]
    public async Task SplitGeopoint_OfAMappedGroupField_IsRead()
    {
        var households = _dir.File("hh.csv");
        var members = _dir.File("members.csv");
        File.WriteAllText(households,
            "KEY,consent,adm_pcode,location-where-Latitude,location-where-Longitude\n" +
            "uuid:g1,yes,BD55490917,-12.5,130.8\n");
        File.WriteAllText(members, "PARENT_KEY,KEY,sex,age,relation,mig_status\nuuid:g1,uuid:g1/m[1],female,40,head,idp\n");
        var mapping = _dir.File("map.json");
        File.WriteAllText(mapping, """{ "household": { "gps": "where" } }""");

        var (exit, _, err) = Import(households, "--members", members, "--mapping", mapping);

        Assert.True(exit == ExitCodes.Success, err);
        Assert.Equal(new GeoPoint(-12.5, 130.8), (await Points())["uuid:g1"]);
    }

    [Fact]
    public async Task SplitGeopoint_LatitudeWithoutLongitude_IsRejectedNamingTheLatitudeColumn()
    {
        var households = _dir.File("hh.csv");
        var members = _dir.File("members.csv");
        File.WriteAllText(households,
            "KEY,consent,adm_pcode,gps-Latitude,gps-Longitude,gps-Altitude,gps-Accuracy\n" +
            "uuid:g1,yes,BD55490917,25.57,,,\n");
        File.WriteAllText(members, "PARENT_KEY,KEY,sex,age,relation,mig_status\nuuid:g1,uuid:g1/m[1],female,40,head,idp\n");

        var (exit, _, err) = Import(households, "--members", members);

        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("hh.csv, row 2, column 'gps-Latitude'", err, StringComparison.Ordinal);
        Assert.Contains("GPS must be 'latitude longitude", err, StringComparison.Ordinal);
        using var store = TestDb.Open(_db);
        Assert.Equal(0, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Consent_Missing_IsStillRejected_AndNo_IsDeclinedWithoutAnError()
    {
        var households = _dir.File("hh.csv");
        var members = _dir.File("members.csv");
        File.WriteAllText(households,
            "KEY,consent,adm_pcode,dwelling\n" +
            "uuid:c1,no,BD99999999,castle\n" +   // declined: its wrong answers are never read
            "uuid:c2,,BD55490917,temporary\n" +  // no answer: rejected
            "uuid:c3,yes,BD55490917,temporary\n");
        File.WriteAllText(members,
            "PARENT_KEY,KEY,sex,age,relation,mig_status\n" +
            "uuid:c2,uuid:c2/m[1],female,40,head,idp\n" +
            "uuid:c3,uuid:c3/m[1],male,33,head,returnee\n");

        var (exit, json, _) = Import(households, "--members", members, "--skip-invalid");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(1, json.GetProperty("households_imported").GetInt64());
        Assert.Equal(1, json.GetProperty("households_declined").GetInt64());
        Assert.Equal(1, json.GetProperty("households_rejected").GetInt64());
        var errors = File.ReadAllText(households + ".errors.csv");
        Assert.Contains("hh.csv,,3,consent,,consent missing", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("BD99999999", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("castle", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_DefaultForConsent_IsRefusedBeforeAnyRowIsRead()
    {
        var households = _dir.File("hh.csv");
        var members = _dir.File("members.csv");
        File.WriteAllText(households, "KEY,adm_pcode\nuuid:d1,BD55490917\n");
        File.WriteAllText(members, "PARENT_KEY,KEY,sex,age,relation,mig_status\nuuid:d1,uuid:d1/m[1],female,40,head,idp\n");
        var mapping = _dir.File("map.json");
        File.WriteAllText(mapping, """{ "defaults": { "consent": "yes" } }""");

        var (exit, _, err) = Import(households, "--members", members, "--mapping", mapping);

        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("defaults.consent: consent cannot have a default", err, StringComparison.Ordinal);
        using var store = TestDb.Open(_db);
        Assert.Equal(0, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Core.Access;
using Mosaic.Core.Demo;
using Mosaic.Server.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Server.Tests.Apis;

/// <summary>
/// The server counts a table where <c>mosaic tabulate</c> counts it: on PostgreSQL in the database (no registry
/// snapshot is read into the server), on SQLite over the snapshot in memory, and either way the published cells are
/// the registry's own counts (SQL over the tables, rolled up the area tree here) with every small cell suppressed. An
/// import through the server moves the registry's version, and the next table counts the new households. Its own
/// small database: the shared one must not change under other tests.
/// </summary>
public sealed class TabulationsOnTheStoreTests : IDisposable
{
    private const string Union = "BD55490915";
    private const int MinimumCell = 5;

    private readonly TempDirectory _directory = new();
    private readonly TestStore _store;
    private readonly Factory _factory;
    private readonly string _admin;
    private readonly string _viewer;
    private readonly string _village;

    public TabulationsOnTheStoreTests()
    {
        _store = new TestStore(_directory, "tabstore");
        using (var store = _store.Open())
        {
            DemoDataset.RunAsync(new DemoRun(new DemoGenerator(new DemoOptions { Households = 300 }), store)).GetAwaiter().GetResult();
            UserAdministration.AddAsync(store, new NewUser("admin", Role.Admin, null, DemoDatabase.Password)).GetAwaiter().GetResult();
            UserAdministration.AddAsync(store, new NewUser("viewer", Role.Viewer, null, DemoDatabase.Password)).GetAwaiter().GetResult();
            _admin = UserAdministration.IssueTokenAsync(store, "admin", "tests").GetAwaiter().GetResult().Secret;
            _viewer = UserAdministration.IssueTokenAsync(store, "viewer", "tests").GetAwaiter().GetResult().Secret;
            _village = store.Areas.SubtreeAsync(Union).GetAwaiter().GetResult().First(a => a.Level == 5).Pcode;
        }
        _factory = new Factory(_store.Db);
    }

    private int SnapshotsBuilt => _factory.Services.GetRequiredService<MosaicDatabase>().Snapshots.Builds;

    [Fact]
    public async Task ResidentsByVillageAndSex_AreTheRegistrysCounts_SmallCellsSuppressed_CountedWhereTheStoreCounts()
    {
        using var client = Client(_admin);
        var table = await Json(client, "/api/tabulations?indicator=population&by=village,sex");
        var truth = Residents(level: 5);
        Assert.Contains(truth.Values, v => v is > 0 and < MinimumCell);
        AssertPublishedCellsAreTheCounts(table, "village", truth);
        // PostgreSQL counted it (no snapshot in the server); SQLite over the snapshot, as the CLI does.
        Assert.Equal(TestStore.UsesPostgres ? 0 : 1, SnapshotsBuilt);

        // A union's table, asked by area: only its villages, the same counts.
        var union = await Json(client, $"/api/tabulations?indicator=population&by=adm4,sex&area={Union}");
        var unions = Residents(level: 4);
        AssertPublishedCellsAreTheCounts(union, "adm4", unions.Where(c => c.Key.Area == Union).ToDictionary());
        Assert.Equal([Union], union.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("adm4").GetString()).Where(c => c != "_total").Distinct());
        Assert.Equal(TestStore.UsesPostgres ? 0 : 1, SnapshotsBuilt);
    }

    [Fact]
    public async Task AnImportThroughTheServer_IsInTheNextTable()
    {
        using var client = Client(_admin);
        var before = await Json(client, "/api/tabulations?indicator=population&by=adm4,sex");
        AssertPublishedCellsAreTheCounts(before, "adm4", Residents(level: 4));

        // Three households of six women each in one village of the union: 18 more female residents there.
        var ids = Enumerable.Range(0, 3).Select(_ => "tab-" + Guid.NewGuid().ToString("N")).ToArray();
        var job = await Upload(client, ids);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());

        var after = await Json(client, "/api/tabulations?indicator=population&by=adm4,sex");
        var truth = Residents(level: 4);
        AssertPublishedCellsAreTheCounts(after, "adm4", truth);
        Assert.Equal(Value(before, Union, "female") + 18, Value(after, Union, "female"));
        Assert.Equal(TestStore.UsesPostgres ? 0 : 2, SnapshotsBuilt);
    }

    [Fact]
    public async Task AViewersOpenQuery_IsStillPerturbed_FromTheSnapshotsRecordKeys()
    {
        using var client = Client(_viewer);
        var table = await Json(client, "/api/tabulations?indicator=population&by=adm4");
        Assert.Equal("perturbation", table.GetProperty("metadata").GetProperty("disclosure_method").GetString());
        var truth = Residents(level: 4).GroupBy(c => c.Key.Area).ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        foreach (var row in table.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("adm4").GetString() != "_total"))
            Assert.InRange(row.GetProperty("value").GetDouble(), truth[row.GetProperty("adm4").GetString()!] - 3, truth[row.GetProperty("adm4").GetString()!] + 3);
        Assert.Equal(1, SnapshotsBuilt);
    }

    /// <summary>
    /// Every published inner cell and margin equals the count; every cell of 1 to 4 residents is in the table and
    /// suppressed; the grand total is the count of all residents.
    /// </summary>
    private static void AssertPublishedCellsAreTheCounts(JsonElement table, string areaDimension, Dictionary<(string Area, string Sex), long> truth)
    {
        var rows = table.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => (r.GetProperty(areaDimension).GetString()!, r.GetProperty("sex").GetString()!));
        Assert.NotEmpty(rows);
        foreach (var ((area, sex), row) in rows)
        {
            var expected = truth.Where(c => (area == "_total" || c.Key.Area == area) && (sex == "_total" || c.Key.Sex == sex)).Sum(c => c.Value);
            if (row.GetProperty("suppressed").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, row.GetProperty("value").ValueKind);
                continue;
            }
            Assert.True(expected is 0 or >= MinimumCell, $"{area}/{sex}: {expected} residents published");
            Assert.Equal(expected, row.GetProperty("value").GetDouble());
        }
        var small = truth.Where(c => c.Value is > 0 and < MinimumCell).ToList();
        Assert.All(small, c => Assert.True(rows[c.Key].GetProperty("suppressed").GetBoolean(), $"{c.Key}: {c.Value} residents not suppressed"));
        Assert.Equal(truth.Values.Sum(), rows[("_total", "_total")].GetProperty("value").GetDouble());
    }

    private static double Value(JsonElement table, string union, string sex) => Value(table, "adm4", union, sex);

    private static double Value(JsonElement table, string areaDimension, string area, string sex) =>
        table.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty(areaDimension).GetString() == area && r.GetProperty("sex").GetString() == sex)
            .GetProperty("value").GetDouble();

    /// <summary>Residents (not emigrants) by the area at a level above their household's and sex, counted with SQL.</summary>
    private Dictionary<(string Area, string Sex), long> Residents(int level)
    {
        using var sql = _store.OpenSql();
        var parent = new Dictionary<string, (string? Parent, int Level)>(StringComparer.Ordinal);
        using (var areas = sql.CreateCommand())
        {
            areas.CommandText = "SELECT pcode, parent_pcode, level FROM area";
            using var reader = areas.ExecuteReader();
            while (reader.Read())
                parent[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2));
        }
        var counts = new Dictionary<(string, string), long>();
        using var command = sql.CreateCommand();
        command.CommandText = """
            SELECT h.area_pcode, p.sex, count(*) FROM person p JOIN household h ON h.id = p.household_id
            WHERE p.mig_status <> 'emigrant' GROUP BY h.area_pcode, p.sex
            """;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                string? area = reader.GetString(0);
                while (area is not null && parent[area].Level > level)
                    area = parent[area].Parent;
                Assert.NotNull(area);
                var key = (area, reader.GetString(1));
                counts[key] = counts.GetValueOrDefault(key) + reader.GetInt64(2);
            }
        }
        return counts;
    }

    private async Task<JsonElement> Upload(HttpClient client, string[] ids)
    {
        var households = new StringBuilder("_index,_uuid,_submission_time,consent,hh_id,adm_pcode,dwelling,income_before,income_now\n");
        var members = new StringBuilder("_index,_parent_index,name,sex,age,relation,mig_status\n");
        var person = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            households.Append($"{i + 1},{ids[i]},2026-11-20T09:00:00,yes,TAB-{i + 1},{_village},temporary,9000,4000\n");
            for (var m = 0; m < 6; m++)
                members.Append($"{++person},{i + 1},Woman {person},female,{30 + m},{(m == 0 ? "head" : "other")},non_migrant\n");
        }
        using var form = new MultipartFormDataContent
        {
            { new StringContent("registrations"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(households.ToString())), "file", "households.csv" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(members.ToString())), "members", "members.csv" },
        };
        var accepted = await client.PostAsync("/api/imports", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString();
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var job = JsonDocument.Parse(await client.GetStringAsync($"/api/imports/{id}", TestContext.Current.CancellationToken)).RootElement;
            if (job.GetProperty("state").GetString() is not ("queued" or "running"))
                return job;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("the import did not finish");
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _store.Dispose();
        _directory.Dispose();
    }

    private sealed class Factory(string db) : WebApplicationFactory<ServerOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Mosaic:Db", db);
    }
}

using System.Net;
using System.Text.Json;
using Mosaic.Core.Access;
using Mosaic.Core.Registry;

namespace Mosaic.Server.Tests.Apis;

/// <summary>
/// Every data endpoint × every role × unrestricted / scoped to one union, asking in scope and out of it. The expected
/// answers are written out here from DESIGN §7, independently of the server's role table.
/// </summary>
public sealed class AuthorizationMatrixTests(MosaicApiFactory factory) : IClassFixture<MosaicApiFactory>
{
    private const string In = DemoDatabase.InScope;
    private const string Out = DemoDatabase.OutOfScope;

    private static readonly Role[] s_everyone = [Role.Admin, Role.Manager, Role.Analyst, Role.Enumerator, Role.Viewer];
    private static readonly Role[] s_tableExporters = [Role.Admin, Role.Manager, Role.Analyst];
    private static readonly Role[] s_targeters = [Role.Admin, Role.Manager];
    private static readonly Role[] s_personalData = [Role.Admin, Role.Manager];
    private static readonly Role[] s_importers = [Role.Admin, Role.Manager, Role.Enumerator];
    private static readonly Role[] s_admins = [Role.Admin];

    /// <summary>Endpoint, who may call it, and whether it names an area (then: in scope → 200, out of scope → 404 for scoped users).</summary>
    public static TheoryData<string, string, bool?> Endpoints() => new()
    {
        { "/api/areas", "everyone", null },
        { "/api/areas/boundaries", "everyone", null },
        { $"/api/areas/{In}", "everyone", true },
        { $"/api/areas/{Out}", "everyone", false },
        { "/api/indicators", "everyone", null },
        { "/api/tabulations?indicator=population&by=adm4,sex", "everyone", null },
        { $"/api/tabulations?indicator=population&by=sex&area={In}", "everyone", true },
        { $"/api/tabulations?indicator=population&by=sex&area={Out}", "everyone", false },
        { "/api/tabulations?indicator=population&by=adm4&format=csv", "exporters", null },
        { $"/api/tabulations?indicator=returnees&by=sex&area={Out}&format=xlsx", "exporters", false },
        { "/api/mobility/summary", "everyone", null },
        { "/api/mobility/flows", "everyone", null },
        { "/api/targeting?count=10", "targeters", null },
        { $"/api/targeting?count=5&area={In}", "targeters", true },
        { $"/api/targeting?count=5&area={Out}", "targeters", false },
        { "/api/registrations?limit=5", "personal data", null },
        { $"/api/registrations?limit=5&area={In}", "personal data", true },
        { $"/api/registrations?limit=5&area={Out}", "personal data", false },
        { "/api/imports", "importers", null },
        { "/api/users", "admins", null },
        { "/api/audit", "admins", null },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryRole_InAndOutOfScope_GetsExactlyWhatItMay(string path, string who, bool? inScope)
    {
        var allowed = who switch
        {
            "everyone" => s_everyone,
            "exporters" => s_tableExporters,
            "targeters" => s_targeters,
            "personal data" => s_personalData,
            "importers" => s_importers,
            _ => s_admins,
        };
        var failures = new List<string>();
        foreach (var role in s_everyone)
        {
            foreach (var scoped in new[] { false, true })
            {
                using var client = factory.ClientFor(role, scoped);
                var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
                var expected = !allowed.Contains(role) ? HttpStatusCode.Forbidden
                    : scoped && inScope == false ? HttpStatusCode.NotFound
                    : HttpStatusCode.OK;
                if (response.StatusCode != expected)
                    failures.Add($"{Roles.Code(role)}{(scoped ? " (scoped)" : "")}: {(int)response.StatusCode}, expected {(int)expected}");
                if (expected != HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    // A refusal carries a problem, never a figure: no digits beyond the status and the asked P-codes.
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.DoesNotContain("\"value\"", body, StringComparison.Ordinal);
                }
            }
        }
        Assert.True(failures.Count == 0, path + "\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Manager)]
    public async Task ScopedUser_SeesOnlyTheirUnion_InAreasAndTables(Role role)
    {
        using var client = factory.ClientFor(role, scoped: true);
        var areas = await Json(client, "/api/areas");
        HashSet<string> subtree;
        using (var store = factory.Database.OpenStore())
            subtree = [.. (await store.Areas.SubtreeAsync(In, cancellationToken: TestContext.Current.CancellationToken)).Select(a => a.Pcode)];
        Assert.Equal(subtree.Order(), areas.EnumerateArray().Select(a => a.GetProperty("pcode").GetString()!).Order());

        var geo = await Json(client, "/api/areas/boundaries");
        Assert.All(geo.GetProperty("features").EnumerateArray(), f => Assert.Contains(f.GetProperty("properties").GetProperty("pcode").GetString()!, subtree));

        var table = await Json(client, "/api/tabulations?indicator=population&by=adm4");
        var unions = table.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("adm4").GetString()).Where(c => c != "_total").ToList();
        Assert.Equal([In], unions);
    }

    [Fact]
    public async Task ScopedUser_TableTotal_IsTheirUnionsResidents_CountedFromTheRegistry()
    {
        long residents;
        using (var store = factory.Database.OpenStore())
            residents = (await store.Registry.ReadHouseholdsAsync(In, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Sum(h => h.Members.Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant));
        // A manager's table is suppressed, not perturbed: its total is exact (OpenQueryPerturbationTests covers viewers).
        using var client = factory.ClientFor(Role.Manager, scoped: true);
        var table = await Json(client, "/api/tabulations?indicator=population&by=sex");
        var total = table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("sex").GetString() == "_total");
        Assert.Equal(residents, total.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Tabulation_CannotLowerTheMinimumCellSize()
    {
        using var client = factory.ClientFor(Role.Admin, scoped: false);
        var response = await client.GetAsync("/api/tabulations?indicator=population&by=village,sex&min_cell=1", TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TargetList_CarriesNoNameOrPhone_EvenForAdmins()
    {
        using var client = factory.ClientFor(Role.Admin, scoped: false);
        var list = await Json(client, "/api/targeting?count=30");
        var households = list.GetProperty("households").EnumerateArray().ToList();
        Assert.Equal(30, households.Count);
        Assert.All(households, h => Assert.Equal(
            ["area_name", "area_pcode", "class", "explanation", "household", "rank", "score"],
            h.EnumerateObject().Select(p => p.Name).Order()));
    }

    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mosaic.Core.Access;

namespace Mosaic.Server.Tests.Apis;

/// <summary>
/// The API answers with the same report records as the CLI's <c>--json</c>: the keys the user guide's JSON page lists
/// for a command are exactly the keys of the matching endpoint's answer. And the mobility endpoints keep a scoped
/// reader inside their scope, row by row.
/// </summary>
public sealed partial class OneSchemaTests(MosaicApiFactory factory) : IClassFixture<MosaicApiFactory>
{
    [Theory]
    [InlineData("mosaic mobility summary", "/api/mobility/summary?level=4")]
    [InlineData("mosaic indicators list", "/api/indicators")]
    public async Task Endpoint_AnswersWithTheKeysTheJsonPageListsForTheCommand(string command, string path)
    {
        using var client = factory.ClientFor(Role.Admin, scoped: false);
        var answer = await Json(client, path);
        Assert.Equal(DocumentedKeys(command).Order(StringComparer.Ordinal),
            answer.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MobilitySummaryAndFlows_ForAScopedReader_HoldOnlyRowsOfTheirSubtree()
    {
        HashSet<string> subtree;
        using (var store = factory.Database.OpenStore())
            subtree = [.. store.Areas.Subtree(DemoDatabase.InScope).Select(a => a.Pcode)];

        using var admin = factory.ClientFor(Role.Admin, scoped: false);
        var all = await Json(admin, "/api/mobility/summary?level=4");
        var allAreas = AreaCodes(all).ToList();
        // The demo's union-level rounds cover more than one union, so the scoped answer below can fail.
        Assert.Contains(allAreas, a => !subtree.Contains(a));

        using var scoped = factory.ClientFor(Role.Analyst, scoped: true);
        var mine = await Json(scoped, "/api/mobility/summary?level=4");
        var mineAreas = AreaCodes(mine).ToList();
        Assert.NotEmpty(mineAreas);
        Assert.All(mineAreas, a => Assert.Contains(a, subtree));
        Assert.Equal(allAreas.Where(subtree.Contains).Order(), mineAreas.Order());
        Assert.Empty(mine.GetProperty("anomalies").EnumerateArray());
        Assert.Empty(mine.GetProperty("location_changes").EnumerateArray());

        var flows = await Json(scoped, "/api/mobility/flows");
        Assert.All(flows.GetProperty("points").EnumerateArray(), p => Assert.Contains(p.GetProperty("area_pcode").GetString()!, subtree));
    }

    private static IEnumerable<string> AreaCodes(JsonElement summary) =>
        new[] { "rounds", "changes", "registry" }.SelectMany(k => summary.GetProperty(k).EnumerateArray())
            .Select(r => r.GetProperty("area_pcode").GetString()!);

    /// <summary>The keys listed in the JSON page's table under the section headed with <paramref name="command"/>.</summary>
    private static List<string> DocumentedKeys(string command)
    {
        var page = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "user-guide", "json.md"));
        var start = Array.FindIndex(page, l => l.StartsWith("## ", StringComparison.Ordinal) && l.Contains($"`{command}`", StringComparison.Ordinal));
        Assert.True(start >= 0, $"json.md has no section for {command}");
        var keys = new List<string>();
        for (var i = start + 1; i < page.Length && !page[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (page[i].StartsWith("| `", StringComparison.Ordinal))
                keys.AddRange(Key().Matches(page[i].Split('|')[1]).Select(m => m.Groups[1].Value));
        }
        return keys;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mosaic.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex Key();

    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}

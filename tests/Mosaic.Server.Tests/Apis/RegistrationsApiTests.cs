using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Mosaic.Core.Access;

namespace Mosaic.Server.Tests.Apis;

/// <summary>
/// Registrations with names and phones: only admins and managers, only within their scope, and every read in the
/// audit log (one entry per request, naming the user, role, purpose and counts) before the answer. Names and phones
/// are checked against the person table read directly from the SQLite file. Each test uses its own accounts, so
/// the audit entries it counts are its own.
/// </summary>
public sealed class RegistrationsApiTests(MosaicApiFactory factory) : IClassFixture<MosaicApiFactory>
{
    [Fact]
    public async Task Manager_ReadsAPage_WithTheHeadsNamesAndPhones_AndOneAuditEntryNamingThem()
    {
        var (name, client) = (await Account(Role.Manager, scope: null));
        using var owned = client;
        var page = await Json(client, "/api/registrations?offset=10&limit=25");
        var households = page.GetProperty("households").EnumerateArray().ToList();
        Assert.Equal(25, households.Count);
        Assert.Equal(10, page.GetProperty("offset").GetInt32());
        using (var store = factory.Database.OpenStore())
            Assert.Equal(await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken), page.GetProperty("total").GetInt64());

        var truth = ContactsFromTheFile();
        foreach (var h in households)
        {
            var (head, phone) = truth[h.GetProperty("submission_id").GetString()!];
            Assert.Equal(head, h.GetProperty("head_name").GetString());
            Assert.Equal(phone, h.GetProperty("phone").GetString());
            Assert.NotEmpty(h.GetProperty("members").EnumerateArray());
            Assert.False(h.TryGetProperty("gps", out _), "the exact location never leaves through this endpoint");
        }

        var entries = (await EntriesOf(name));
        var entry = Assert.Single(entries);
        Assert.Equal(page.GetProperty("audit_entry_id").GetInt64(), entry.Id);
        Assert.Equal("registrations.read", entry.Action);
        Assert.Equal("manager", entry.Role);
        Assert.Null(entry.Scope);
        Assert.Equal(households.Count(h => h.GetProperty("head_name").GetString() is not null || h.GetProperty("phone").GetString() is not null), entry.Households);
        Assert.Contains("/api/registrations?offset=10&limit=25", entry.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopedManager_SeesOnlyTheirUnion_AndNothingOutsideIt_NotEvenInTheLog()
    {
        var (name, client) = (await Account(Role.Manager, DemoDatabase.InScope));
        using var owned = client;
        string outside;
        HashSet<string> inside;
        using (var store = factory.Database.OpenStore())
        {
            inside = [.. (await store.Registry.ReadHouseholdsAsync(DemoDatabase.InScope, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Select(h => h.SubmissionId)];
            outside = (await store.Registry.ReadHouseholdsAsync(DemoDatabase.OutOfScope, cancellationToken: TestContext.Current.CancellationToken).FirstAsync(TestContext.Current.CancellationToken)).SubmissionId;
        }
        var page = await Json(client, "/api/registrations?limit=500");
        Assert.Equal(inside.Count, page.GetProperty("total").GetInt64());
        Assert.Equal(inside.Order(), page.GetProperty("households").EnumerateArray().Select(h => h.GetProperty("submission_id").GetString()!).Order());
        Assert.Equal(DemoDatabase.InScope, Assert.Single((await EntriesOf(name))).Scope);

        var one = await Json(client, $"/api/registrations/{inside.First()}");
        Assert.Equal(inside.First(), one.GetProperty("households")[0].GetProperty("submission_id").GetString());
        Assert.Equal(2, (await EntriesOf(name)).Count);

        await ProblemAssert.IsProblem(await client.GetAsync($"/api/registrations/{outside}", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await client.GetAsync($"/api/registrations?area={DemoDatabase.OutOfScope}", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        Assert.Equal(2, (await EntriesOf(name)).Count);
    }

    [Theory]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Enumerator)]
    public async Task RolesWithoutPersonalData_AreRefused_AndNothingIsLogged(Role role)
    {
        var (name, client) = (await Account(role, scope: null));
        using var owned = client;
        using var store = factory.Database.OpenStore();
        var id = (await store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken).FirstAsync(TestContext.Current.CancellationToken)).SubmissionId;
        await ProblemAssert.IsProblem(await client.GetAsync("/api/registrations", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await client.GetAsync($"/api/registrations/{id}", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
        Assert.Empty((await EntriesOf(name)));
    }

    [Fact]
    public async Task AnOversizedPage_IsABadRequest()
    {
        var (_, client) = (await Account(Role.Admin, scope: null));
        using var owned = client;
        await ProblemAssert.IsProblem(await client.GetAsync("/api/registrations?limit=501", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
    }

    private async Task<(string Name, HttpClient Client)> Account(Role role, string? scope)
    {
        var name = $"reg-{Roles.Code(role)}-{Guid.NewGuid():N}"[..24];
        string token;
        using (var store = factory.Database.OpenStore())
        {
            await UserAdministration.AddAsync(store, new NewUser(name, role, scope, DemoDatabase.Password), cancellationToken: TestContext.Current.CancellationToken);
            token = (await UserAdministration.IssueTokenAsync(store, name, "tests", cancellationToken: TestContext.Current.CancellationToken)).Secret;
        }
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (name, client);
    }

    private async Task<List<Core.Audit.AuditEntry>> EntriesOf(string user)
    {
        using var store = factory.Database.OpenStore();
        return [.. (await store.AuditLog.ReadAsync(cancellationToken: TestContext.Current.CancellationToken)).Where(e => e.Actor == user)];
    }

    /// <summary>Head's name and phone (the head's, else the first member's with one) per submission, straight from the file.</summary>
    private Dictionary<string, (string? Head, string? Phone)> ContactsFromTheFile()
    {
        using var connection = factory.Database.OpenSql();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT h.submission_id, p.relation, p.name, p.phone FROM person p JOIN household h ON h.id = p.household_id ORDER BY h.id, p.line";
        var rows = new List<(string Id, string Relation, string? Name, string? Phone)>();
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
                rows.Add((r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }
        return rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g =>
        {
            var heads = g.Where(r => r.Relation == "head").ToList();
            var head = heads.Count == 1 ? heads[0] : default;
            var phone = head.Phone ?? g.FirstOrDefault(r => !string.IsNullOrEmpty(r.Phone)).Phone;
            return (head.Name, phone);
        });
    }

    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}

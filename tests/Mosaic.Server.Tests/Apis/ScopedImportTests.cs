using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Mosaic.Core.Access;
using Mosaic.Core.Demo;
using Mosaic.Server.Infrastructure;
using Mosaic.Storage.Contract;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Server.Tests.Apis;

/// <summary>
/// An enumerator limited to one union uploads registrations: households of the union are imported, a household of
/// another union is a rejected row naming the scope (the whole file is refused unless invalid rows are skipped), and
/// nothing outside the scope is ever stored. Its own small database: the shared one is counted by other tests.
/// </summary>
public sealed class ScopedImportTests : IDisposable
{
    private const string Union = "BD55490915";
    private const string OtherUnion = "BD55490931";

    private readonly TempDirectory _directory = new();
    private readonly Factory _factory;
    private readonly string _token;
    private readonly string _inside;
    private readonly string _outside;

    public ScopedImportTests()
    {
        var path = _directory.File("scoped.db");
        using (var store = SqliteMosaicStore.Open(path))
        {
            DemoDataset.RunAsync(new DemoRun(new DemoGenerator(new DemoOptions { Households = 200 }), store)).GetAwaiter().GetResult();
            UserAdministration.AddAsync(store, new NewUser("enumerator-union", Role.Enumerator, Union, DemoDatabase.Password)).GetAwaiter().GetResult();
            _token = UserAdministration.IssueTokenAsync(store, "enumerator-union", "tests").GetAwaiter().GetResult().Secret;
            _inside = store.Areas.SubtreeAsync(Union).GetAwaiter().GetResult().First(a => a.Level == 5).Pcode;
            _outside = store.Areas.SubtreeAsync(OtherUnion).GetAwaiter().GetResult().First(a => a.Level == 5).Pcode;
        }
        _factory = new Factory(path);
    }

    [Fact]
    public async Task AHouseholdOutsideTheScope_IsARejectedRowNamingIt_AndTheFileIsRefused()
    {
        var ids = Ids(3);
        var before = await Households();
        var job = await UploadAndWait(Households(ids, _inside, _inside, _outside), Members(ids), skipInvalid: false);
        Assert.Equal("rejected", job.GetProperty("state").GetString());
        var issue = Assert.Single(job.GetProperty("issues").EnumerateArray());
        Assert.Equal(4, issue.GetProperty("row").GetInt64()); // the third household, under the header row
        Assert.Equal("adm_pcode", issue.GetProperty("column").GetString());
        Assert.Equal(_outside, issue.GetProperty("value").GetString());
        Assert.Contains(Union, issue.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await Households()));
    }

    [Fact]
    public async Task SkippingInvalidRows_ImportsTheScopesHouseholds_AndStoresNothingOutsideIt()
    {
        var ids = Ids(3);
        var job = await UploadAndWait(Households(ids, _inside, _outside, _inside), Members(ids), skipInvalid: true);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        using var store = SqliteMosaicStore.Open(_factory.Path);
        Assert.Equal(_inside, (await store.Registry.GetHouseholdAsync(ids[0], cancellationToken: TestContext.Current.CancellationToken))?.AreaPcode);
        Assert.Null(await store.Registry.GetHouseholdAsync(ids[1], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(_inside, (await store.Registry.GetHouseholdAsync(ids[2], cancellationToken: TestContext.Current.CancellationToken))?.AreaPcode);
    }

    [Fact]
    public async Task ARespondentWhoDeclined_IsCountedAsDeclined_AsTheCliCountsIt()
    {
        var ids = Ids(3);
        var households = Households(ids, _inside, _inside, _inside)
            .Replace($",{ids[1]},2026-11-20T09:00:00,yes,", $",{ids[1]},2026-11-20T09:00:00,no,", StringComparison.Ordinal);
        var job = await UploadAndWait(households, Members(ids), skipInvalid: false);

        // Declining is not an error: the file is committed without --skip-invalid, and the three rows are accounted for.
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var summary = job.GetProperty("summary");
        Assert.Equal((2L, 1L, 0L), (summary.GetProperty("imported").GetInt64(), summary.GetProperty("declined").GetInt64(), summary.GetProperty("rejected").GetInt64()));
        Assert.Empty(job.GetProperty("issues").EnumerateArray());
        using var store = SqliteMosaicStore.Open(_factory.Path);
        Assert.Null(await store.Registry.GetHouseholdAsync(ids[1], cancellationToken: TestContext.Current.CancellationToken));
        Assert.NotNull(await store.Registry.GetHouseholdAsync(ids[2], cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ProblemsInTheUpload_NameEachFileAsTheUserNamedIt_NotTheServersCopy()
    {
        var ids = Ids(2);
        var members = Members(ids).Replace("Head 2,female,40,", "Head 2,female,250,", StringComparison.Ordinal);
        var job = await UploadAndWait(Households(ids, _inside, _outside), members, skipInvalid: false);

        Assert.Equal("rejected", job.GetProperty("state").GetString());
        var files = job.GetProperty("issues").EnumerateArray()
            .Select(i => (i.GetProperty("file").GetString(), i.GetProperty("column").GetString())).ToHashSet();
        Assert.Contains(("households.csv", "adm_pcode"), files);
        Assert.Contains(("members.csv", "age"), files);
    }

    [Fact]
    public async Task AScopedAccount_CannotUploadAreasOrMobilityFiles()
    {
        using var client = Client();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("areas"), "kind" },
            { new ByteArrayContent("pcode,name,level,parent_pcode\nBD1,X,1,\n"u8.ToArray()), "file", "areas.csv" },
        };
        var response = await client.PostAsync("/api/imports", form, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
    }

    private async Task<JsonElement> UploadAndWait(string households, string members, bool skipInvalid)
    {
        using var client = Client();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("registrations"), "kind" },
            { new StringContent(skipInvalid ? "true" : "false"), "skip_invalid" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(households)), "file", "households.csv" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(members)), "members", "members.csv" },
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

    private static string[] Ids(int n) => [.. Enumerable.Range(0, n).Select(_ => "scoped-" + Guid.NewGuid().ToString("N"))];

    private static string Households(string[] ids, params string[] areas)
    {
        var csv = new StringBuilder("_index,_uuid,_submission_time,consent,hh_id,adm_pcode,dwelling,income_before,income_now\n");
        for (var i = 0; i < ids.Length; i++)
            csv.Append($"{i + 1},{ids[i]},2026-11-20T09:00:00,yes,SC-{i + 1},{areas[i]},temporary,9000,4000\n");
        return csv.ToString();
    }

    private static string Members(string[] ids)
    {
        var csv = new StringBuilder("_index,_parent_index,name,sex,age,relation,mig_status\n");
        for (var i = 0; i < ids.Length; i++)
            csv.Append($"{i + 1},{i + 1},Head {i + 1},female,40,head,non_migrant\n");
        return csv.ToString();
    }

    private async Task<long> Households()
    {
        using var store = SqliteMosaicStore.Open(_factory.Path);
        return await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    private HttpClient Client()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return client;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _directory.Dispose();
    }

    private sealed class Factory(string path) : WebApplicationFactory<ServerOptions>
    {
        public string Path => path;

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Mosaic:Db", path);
    }
}

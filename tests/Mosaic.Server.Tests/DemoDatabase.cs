using Mosaic.Core.Access;
using Mosaic.Core.Demo;
using Mosaic.Storage.Contract;
using Mosaic.Core.Storage;

[assembly: AssemblyFixture(typeof(Mosaic.Server.Tests.DemoDatabase))]

namespace Mosaic.Server.Tests;

/// <summary>
/// One demo database for the whole test run (1,500 Chilmari households, scored, with mobility data) and one account per
/// role, twice: unrestricted and scoped to the union of Ashtamir Char. Tests that change accounts add their own.
/// </summary>
public sealed class DemoDatabase : IDisposable
{
    /// <summary>The upazila: every union below it.</summary>
    public const string Upazila = "BD554909";

    /// <summary>The union the scoped accounts see.</summary>
    public const string InScope = "BD55490915";

    /// <summary>Another union: outside the scoped accounts' scope.</summary>
    public const string OutOfScope = "BD55490931";

    public const string Password = "correct horse battery staple";

    private readonly TempDirectory _directory = new();
    private readonly TestStore _store;
    private readonly Dictionary<string, string> _tokens = [];

    public DemoDatabase()
    {
        _store = new TestStore(_directory, "demo");
        using var store = _store.Open();
        DemoDataset.RunAsync(new DemoRun(new DemoGenerator(new DemoOptions { Households = 1500 }), store)).GetAwaiter().GetResult();
        foreach (var role in Roles.All)
        {
            foreach (var scoped in new[] { false, true })
            {
                var name = UserName(role, scoped);
                UserAdministration.AddAsync(store, new NewUser(name, role, scoped ? InScope : null, Password)).GetAwaiter().GetResult();
                _tokens[name] = UserAdministration.IssueTokenAsync(store, name, "tests").GetAwaiter().GetResult().Secret;
            }
        }
    }

    /// <summary>The database (an SQLite file, or a PostgreSQL connection string: <see cref="TestStore"/>).</summary>
    public string Db => _store.Db;

    /// <summary>A directory for a test's own files.</summary>
    public string Scratch(string name)
    {
        var dir = _directory.File(name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string UserName(Role role, bool scoped) => Roles.Code(role) + (scoped ? "-ashtamir" : "-all");

    /// <summary>The API token of a fixture account.</summary>
    public string Token(Role role, bool scoped) => _tokens[UserName(role, scoped)];

    public IMosaicStore OpenStore() => _store.Open();

    /// <summary>A plain read-only connection to the demo's tables (SQLite or PostgreSQL).</summary>
    public System.Data.Common.DbConnection OpenSql() => _store.OpenSql();

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}

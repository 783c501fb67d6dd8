using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>A scored registry of 20 synthetic households whose heads carry formula-shaped names and phones.</summary>
internal static class FormulaShapedRegistry
{
    public static async Task Create(string db, IReadOnlyList<string> names, string phone)
    {
        using (var store = TestDb.Open(db))
        {
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
            var households = SyntheticHouseholds.Generate(20, 7).Select((generated, i) =>
            {
                var members = generated.Members.ToList();
                members[0] = members[0] with { Name = names[i % names.Count], Phone = phone };
                return generated with { Members = members };
            });
            await store.Registry.ImportAsync("test", households, TestContext.Current.CancellationToken);
        }
        Assert.Equal(0, CliRun.Invoke("score", "--db", db).ExitCode);
    }
}

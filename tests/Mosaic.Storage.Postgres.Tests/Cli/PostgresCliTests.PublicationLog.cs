using System.Text.Json;

namespace Mosaic.Storage.Postgres.Tests.Cli;

// `--publication-log` on PostgreSQL: the second of two tables whose age bands differ by one band is protected against
// the first one logged, and both tables are the same as on SQLite.
public sealed partial class PostgresCliTests
{
    [Fact]
    public void PublicationLog_OnPostgres_ProtectsTheSecondTableAgainstTheFirst_AsOnSqlite()
    {
        server.RequireServer();
        var tables = sides.Sides.Select(side => new[] { "0-79,80+", "0-84,85+" }.Select(bands =>
        {
            var run = CliRun.Invoke("tabulate", "-i", "population", "--by", "adm4,sex,age_group", "--age-bands", bands, "--publication-log",
                "--format", "csv", "--out", Path.Combine(side.Folder, $"bands-{bands[2..4]}.csv"), "--json", "--db", side.Db);
            Assert.True(run.ExitCode == 0, run.Error);
            using var json = JsonDocument.Parse(run.Out);
            return (Earlier: json.RootElement.GetProperty("earlier_tables").GetInt32(), Csv: File.ReadAllText(Path.Combine(side.Folder, $"bands-{bands[2..4]}.csv")));
        }).ToList()).ToList();
        var (pg, sqlite) = (tables[0], tables[1]);
        Assert.True(pg[1].Earlier >= 1, "the PostgreSQL log was not used");
        Assert.Equal(sqlite.Select(t => t.Earlier), pg.Select(t => t.Earlier));
        Assert.Equal(sqlite.Select(t => t.Csv), pg.Select(t => t.Csv));
    }
}

namespace Mosaic.Storage.Postgres.Tests.Cli;

// `mosaic tabulate --engine auto|memory|database`: where the cells are counted. The oracle is the same command on the
// SQLite side, which always counts in memory over its own, independently stored copy of the demo.
public sealed partial class PostgresCliTests
{
    [Theory]
    [InlineData("population", "adm4,migratory_status,sex,age_group")]
    [InlineData("hh_income_fell_20pct", "adm2,head_sex")]
    [InlineData("mean_household_size", "adm4")]
    [InlineData("mean_income_now", "adm3")]
    public void Tabulate_CountedInPostgres_OrInMemory_GivesTheTableSqliteGives(string indicator, string by)
    {
        server.RequireServer();
        var (pg, pgFolder) = sides.Sides.First();
        var (sqlite, sqliteFolder) = sides.Sides.Last();
        string[] tabulate = ["tabulate", "-i", indicator, "--by", by, "--format", "csv"];
        var oracle = CliRun.Invoke([.. tabulate, "--db", sqlite]);
        Assert.True(oracle.ExitCode == 0, oracle.Error);
        Assert.Contains("\n", oracle.Out.Trim(), StringComparison.Ordinal);
        foreach (var engine in new[] { "database", "memory", "auto" })
        {
            var run = CliRun.Invoke([.. tabulate, "--engine", engine, "--db", pg]);
            Assert.True(run.ExitCode == 0, $"--engine {engine}: {run.Error}");
            Assert.Equal(Mask(oracle.Out, sqlite, sqliteFolder), Mask(run.Out, pg, pgFolder));
        }
    }

    [Fact]
    public void Tabulate_EngineDatabase_WhereTheStoreCannotCount_SaysSoAndPrintsNoTable()
    {
        server.RequireServer();
        var (pg, _) = sides.Sides.First();
        var (sqlite, _) = sides.Sides.Last();
        var cases = new[]
        {
            (Db: sqlite, Extra: Array.Empty<string>()),
            (Db: pg, Extra: new[] { "--method", "perturbation" }),
            (Db: pg, Extra: new[] { "--min-households", "3" }),
        };
        foreach (var (db, extra) in cases)
        {
            var run = CliRun.Invoke(["tabulate", "-i", "population", "--by", "sex", "--engine", "database", .. extra, "--db", db]);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--engine database", run.Error, StringComparison.Ordinal);
            Assert.Contains("cannot count this table", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
            Assert.Equal("", run.Out);
            // The same request in memory works: only the place of counting was refused.
            var memory = CliRun.Invoke(["tabulate", "-i", "population", "--by", "sex", "--engine", "memory", .. extra, "--db", db]);
            Assert.True(memory.ExitCode == 0, memory.Error);
        }
    }

    [Fact]
    public void Tabulate_PerturbedOnPostgres_IsCountedInMemory_WithTheRecordKeys()
    {
        server.RequireServer();
        var (pg, _) = sides.Sides.First();
        string[] perturbed = ["tabulate", "-i", "population", "--by", "adm4,sex", "--method", "perturbation", "--format", "csv", "--db", pg];
        var auto = CliRun.Invoke(perturbed);
        var memory = CliRun.Invoke([.. perturbed, "--engine", "memory"]);
        Assert.True(auto.ExitCode == 0, auto.Error);
        // Perturbation is the in-memory engine's (record keys per cell); auto must not assemble pushed-down counts as suppression.
        Assert.Equal(memory.Out, auto.Out);
    }
}

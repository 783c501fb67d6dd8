namespace Mosaic.Storage.Postgres.Tests.Cli;

// `--publication-log` keeps its log in the SQLite file only: on PostgreSQL it is refused with a usage error that says
// so, nothing is printed as a table, and the same command without the option works.
public sealed partial class PostgresCliTests
{
    [Fact]
    public void PublicationLog_OnPostgres_IsRefusedClearly_AndTheTableIsNotPrinted()
    {
        server.RequireServer();
        var (pg, _) = sides.Sides.First();
        var (sqlite, _) = sides.Sides.Last();
        string[] tabulate = ["tabulate", "-i", "population", "--by", "sex", "--format", "csv"];
        var refused = CliRun.Invoke([.. tabulate, "--publication-log", "--db", pg]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--publication-log", refused.Error, StringComparison.Ordinal);
        Assert.Contains("keeps no publication log", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Equal("", refused.Out);
        var plain = CliRun.Invoke([.. tabulate, "--db", pg]);
        Assert.True(plain.ExitCode == 0, plain.Error);
        var logged = CliRun.Invoke([.. tabulate, "--publication-log", "--db", sqlite]);
        Assert.True(logged.ExitCode == 0, logged.Error);
    }
}

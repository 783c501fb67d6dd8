using System.Globalization;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// The guides' showcase tables of returnees publish cells on the demo: women and children come back from abroad
/// too, so <c>returnees --by sex,age_group</c> and the indicators guide's <c>returnee_women_employed</c> are not
/// fully suppressed. Published values are checked against plain SQL on the demo's database file.
/// </summary>
public sealed class DemoShowcaseTablesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public DemoShowcaseTablesTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        var demo = CliRun.Invoke("demo", "--households", "5000", "--no-serve", "--db", _db);
        Assert.True(demo.ExitCode == 0, demo.Error);
    }

    public void Dispose() => _dir.Dispose();

    private long Count(string where)
    {
        using var connection = TestDb.OpenSql(_db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM person WHERE " + where;
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void ReturneesBySexAndAgeGroup_PublishesWomenAndMenOfWorkingAge()
    {
        var run = CliRun.Invoke("tabulate", "-i", "returnees", "--by", "sex,age_group", "--format", "csv", "--db", _db);
        Assert.True(run.ExitCode == 0, run.Error);
        var header = run.Out.Split('\n')[0];
        Assert.Equal("sex,sex_label,age_group,value,suppressed", header);
        var cells = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();

        string[] Cell(string sex, string band) => cells.Single(c => c[0] == sex && c[2] == band);
        var women = Cell("female", "18-59");
        var men = Cell("male", "18-59");
        Assert.Equal("false", women[4]);
        Assert.Equal("false", men[4]);
        Assert.Equal(Count("mig_status = 'returnee' AND sex = 'female' AND age BETWEEN 18 AND 59"), long.Parse(women[3], CultureInfo.InvariantCulture));
        Assert.Equal(Count("mig_status = 'returnee' AND sex = 'male' AND age BETWEEN 18 AND 59"), long.Parse(men[3], CultureInfo.InvariantCulture));
        // A realistic mix: women are a tenth to a fifth of the returnees, never one in a thousand.
        var share = Count("mig_status = 'returnee' AND sex = 'female'") / (double)Count("mig_status = 'returnee'");
        Assert.InRange(share, 0.08, 0.25);
        // Children who came back with their parents are counted too.
        Assert.True(Count("mig_status = 'returnee' AND age < 18") > 0);
    }

    [Fact]
    public void IndicatorsGuideExample_ReturneeWomenEmployed_PublishesItsTotal()
    {
        var catalogue = Path.Combine(AppContext.BaseDirectory, "docs", "examples", "mine.json");
        var run = CliRun.Invoke("tabulate", "--catalogue", catalogue, "-i", "returnee_women_employed", "--by", "adm4",
            "--format", "csv", "--db", _db);
        Assert.True(run.ExitCode == 0, run.Error);
        var total = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).Single(f => f[0] == "_total");
        Assert.Equal("adm4,adm4_label,value,denominator,suppressed", run.Out.Split('\n')[0]);
        Assert.Equal("false", total[4]);
        const string women = "mig_status = 'returnee' AND sex = 'female' AND age >= 15 AND employed_now IS NOT NULL";
        var denominator = Count(women);
        var employed = Count(women + " AND employed_now");
        Assert.Equal(denominator, long.Parse(total[3], CultureInfo.InvariantCulture));
        Assert.Equal(employed / (double)denominator, double.Parse(total[2], CultureInfo.InvariantCulture), 4);
        Assert.True(employed > 0 && employed < denominator);
    }
}

using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class PrivacyKAnonymityCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public PrivacyKAnonymityCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 300, seed: 5);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Equivalence-class sizes computed independently, as SQL over the database file.</summary>
    private List<long> ClassSizesBySql(string groupBy, string where = "1 = 1")
    {
        using var connection = TestDb.OpenSql(_db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id WHERE {where} GROUP BY {groupBy}";
        using var r = cmd.ExecuteReader();
        var sizes = new List<long>();
        while (r.Read())
            sizes.Add(r.GetInt64(0));
        return sizes;
    }

    [Fact]
    public void Kanon_ReportsTheSameClassesAsSqlGroupBy_AndSuppressionReachesK()
    {
        const int k = 20;
        var run = CliRun.Invoke("privacy", "kanon", "--db", _db, "--quasi", "area,sex,migratory_status", "-k", "20", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        var sizes = ClassSizesBySql("h.area_pcode, p.sex, p.mig_status");
        Assert.Equal(sizes.Sum(), json.GetProperty("records").GetInt64());
        Assert.Equal(sizes.Count, json.GetProperty("equivalence_classes").GetInt32());
        Assert.Equal(sizes.Count(s => s < k), json.GetProperty("classes_below_k").GetInt32());
        Assert.Equal(sizes.Where(s => s < k).Sum(), json.GetProperty("records_below_k").GetInt64());
        Assert.Equal(sizes.Min(), json.GetProperty("smallest_class").GetInt64());
        Assert.False(json.GetProperty("k_anonymous").GetBoolean());

        var suppression = json.GetProperty("suppression");
        Assert.True(suppression.GetProperty("k_anonymous").GetBoolean());
        Assert.True(suppression.GetProperty("smallest_class").GetInt32() >= k);
        // Every record at risk loses at least its first quasi-identifier (the area), and only those records are touched.
        Assert.Equal(json.GetProperty("records_below_k").GetInt64(), suppression.GetProperty("records_touched").GetInt64());
        Assert.Equal(json.GetProperty("records_below_k").GetInt64(), suppression.GetProperty("by_quasi_identifier")[0].GetProperty("values_blanked").GetInt64());
    }

    [Fact]
    public void Kanon_WithASensitiveField_ReportsLDiversityAsSqlCountsDistinctValues()
    {
        var run = CliRun.Invoke("privacy", "kanon", "--db", _db, "--quasi", "area,sex", "--sensitive", "migratory_status", "--json");
        Assert.Equal(0, run.ExitCode);
        // Independently: distinct sensitive values per class (a missing value counts as one value, as in the export).
        using var connection = TestDb.OpenSql(_db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(DISTINCT coalesce(p.mig_status, '?')), count(*) FROM person p JOIN household h ON h.id = p.household_id " +
                          "GROUP BY h.area_pcode, p.sex";
        var classes = new List<(long Distinct, long Records)>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                classes.Add((r.GetInt64(0), r.GetInt64(1)));
        }
        var diversity = run.Json.GetProperty("risk").GetProperty("l_diversity");
        Assert.Equal("migratory_status", run.Json.GetProperty("sensitive").GetString());
        Assert.Equal(classes.Min(c => c.Distinct), diversity.GetProperty("smallest_distinct_l").GetInt64());
        Assert.Equal(classes.Count(c => c.Distinct == 1), diversity.GetProperty("classes_with_one_value").GetInt32());
        Assert.Equal(classes.Where(c => c.Distinct == 1).Sum(c => c.Records), diversity.GetProperty("records_with_one_value").GetInt64());
        // The sensitive field is not a quasi-identifier: the classes are those of area and sex alone.
        Assert.Equal(classes.Count, run.Json.GetProperty("equivalence_classes").GetInt32());
    }

    [Fact]
    public void Kanon_WithTheSensitiveFieldAlsoAQuasiIdentifier_IsAUsageErrorNamingIt()
    {
        var run = CliRun.Invoke("privacy", "kanon", "--db", _db, "--quasi", "area,sex", "--sensitive", "sex");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'sex' is a quasi-identifier", run.Error);
    }

    [Fact]
    public void Kanon_WithFilterAndArea_CountsOnlyThoseRecords()
    {
        var run = CliRun.Invoke("privacy", "kanon", "--db", _db, "-q", "sex", "--filter", "mig_status != 'emigrant'", "--area", "BD55490917", "--json");
        Assert.Equal(0, run.ExitCode);
        var expected = ClassSizesBySql("p.sex", "h.area_pcode IN ('BD55490917', 'BD55490917001', 'BD55490917002') AND p.mig_status <> 'emigrant'");
        Assert.Equal(expected.Sum(), run.Json.GetProperty("records").GetInt64());
        Assert.Equal(expected.Count, run.Json.GetProperty("equivalence_classes").GetInt32());
    }

    [Fact]
    public void Kanon_AsText_ShowsClassesBelowKAndWhatSuppressionBlanks()
    {
        var run = CliRun.Invoke("privacy", "kanon", "--db", _db, "--quasi", "village,sex,age_group,migratory_status");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("person records over village, sex, age_group, migratory_status (k = 5)", run.Out, StringComparison.Ordinal);
        Assert.Contains("class sizes below k: 1: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("local suppression (blanking village first, then sex, age_group, migratory_status)", run.Out, StringComparison.Ordinal);
        Assert.Contains("k-anonymous", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Kanon_HouseholdRecordsWithAPersonField_IsAUsageError()
    {
        var run = CliRun.Invoke("privacy", "kanon", "--db", _db, "-q", "adm4,sex", "--unit", "household");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'sex' describes persons, but the records are households", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Kanon_HouseholdRecords_CountEveryHouseholdOnce()
    {
        var run = CliRun.Invoke("privacy", "kanon", "--db", _db, "-q", "adm4,head_sex,dwelling", "--unit", "household", "-k", "1", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(300, run.Json.GetProperty("records").GetInt32());
        Assert.True(run.Json.GetProperty("k_anonymous").GetBoolean());
    }
}

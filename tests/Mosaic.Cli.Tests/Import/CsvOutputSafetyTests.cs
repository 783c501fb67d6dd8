using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Import.Csv;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// CSV files written for people never carry a live formula (OWASP CSV injection): a registered name such as
/// <c>=HYPERLINK(…)</c> reaches the contact list and the errors file as text with a leading apostrophe;
/// <c>--raw-csv</c> writes it as stored for machine pipelines.
/// </summary>
public sealed class CsvOutputSafetyTests : IDisposable
{
    private static readonly string[] s_names = ["=HYPERLINK(\"http://evil.example\",\"open\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-1+2", "Amina Begum"];
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public CsvOutputSafetyTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        FormulaShapedRegistry.Create(_db, s_names, "=1+1").GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private List<(string Name, string Phone)> ContactList(params string[] extra)
    {
        var path = _dir.File($"list-{Guid.NewGuid():N}.csv");
        var run = CliRun.Invoke(["target", "--count", "20", "--quota", "none", "--include-contacts", "--out", path, "--db", _db, .. extra]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var csv = CsvReader.Open(path);
        Assert.True(csv.Read());
        var name = csv.Fields.ToList().IndexOf("head_name");
        var phone = csv.Fields.ToList().IndexOf("phone");
        var rows = new List<(string, string)>();
        while (csv.Read())
            rows.Add((csv.Fields[name], csv.Fields[phone]));
        return rows;
    }

    [Fact]
    public void ContactList_FormulaShapedNamesAndPhones_AreWrittenAsText()
    {
        var rows = ContactList();
        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Equal("'=1+1", r.Phone));
        Assert.Contains(("'=HYPERLINK(\"http://evil.example\",\"open\")", "'=1+1"), rows);
        Assert.Contains(rows, r => r.Name == "'+cmd|' /C calc'!A0");
        Assert.Contains(rows, r => r.Name == "'@SUM(A1)");
        Assert.Contains(rows, r => r.Name == "'-1+2");
        Assert.Contains(rows, r => r.Name == "Amina Begum");
        Assert.DoesNotContain(rows, r => r.Name.Length > 0 && r.Name[0] is '=' or '+' or '-' or '@');
    }

    [Fact]
    public void ContactList_WithRawCsv_KeepsValuesAsStored()
    {
        var rows = ContactList("--raw-csv");
        Assert.Contains(rows, r => r.Name == "=HYPERLINK(\"http://evil.example\",\"open\")");
        Assert.All(rows, r => Assert.Equal("=1+1", r.Phone));
    }

    [Fact]
    public void ErrorsFile_FormulaShapedValue_IsWrittenAsText()
    {
        var dir = Path.Combine(_dir.Path, "reg");
        Directory.CreateDirectory(dir);
        var households = Path.Combine(dir, "households.csv");
        var members = Path.Combine(dir, "members.csv");
        File.Copy(TestData.Path("registrations", "households.csv"), households);
        File.WriteAllText(members, File.ReadAllText(TestData.Path("registrations", "members.csv"))
            .Replace(",male,38,", ",\"=HYPERLINK(\"\"http://evil.example\"\")\",38,", StringComparison.Ordinal));
        var run = CliRun.Invoke("import", "registrations", households, "--members", members, "--db", _db);
        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        using var csv = CsvReader.Open(households + ".errors.csv");
        Assert.True(csv.Read());
        var values = new List<string>();
        while (csv.Read())
            values.Add(csv.Fields[4]);
        Assert.Contains("'=HYPERLINK(\"http://evil.example\")", values);
    }
}

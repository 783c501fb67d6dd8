using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Storage.Contract;
using nietras.SeparatedValues;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>mosaic export registrations</c> on a demo registry, checked against the demo's own Kobo export (which holds
/// the names, phones and GPS points the microdata must never carry) and by counting key groups in the written file.
/// </summary>
public sealed class ExportRegistrationsCommandTests : IClassFixture<ExportRegistrationsCommandTests.Demo>
{
    private readonly Demo _demo;

    public ExportRegistrationsCommandTests(Demo demo) => _demo = demo;

    /// <summary>A 300-household demo with its Kobo export (members.csv, households.csv).</summary>
    public sealed class Demo : IDisposable
    {
        public Demo()
        {
            Database = TestDb.At(Dir.File("demo.db"));
            var run = CliRun.Invoke("demo", "--households", "300", "--no-serve", "--db", Database, "--export-kobo", Dir.File("kobo"));
            Assert.True(run.ExitCode == 0, run.Error);
            Members = ReadCsv(Path.Combine(Dir.File("kobo"), "members.csv"));
            Households = ReadCsv(Path.Combine(Dir.File("kobo"), "households.csv"));
        }

        public TempDirectory Dir { get; } = new();

        public string Database { get; }

        public List<Dictionary<string, string>> Members { get; }

        public List<Dictionary<string, string>> Households { get; }

        public void Dispose() => Dir.Dispose();
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        var names = reader.Header.ColNames;
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
                values[names[i]] = row[i].ToString();
            rows.Add(values);
        }
        return rows;
    }

    private string Out(string name) => Path.Combine(_demo.Dir.Path, Guid.NewGuid().ToString("N")[..6] + "-" + name);

    private CliRun Export(params string[] args) => CliRun.Invoke(["export", "registrations", "--db", _demo.Database, .. args]);

    /// <summary>Every value a person's personal data could show as: names, phones, GPS coordinates, submission ids, household codes.</summary>
    private HashSet<string> PersonalValues()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in _demo.Members)
        {
            values.Add(m["name"]);
            values.Add(m["phone"]);
        }
        foreach (var h in _demo.Households)
        {
            foreach (var part in h["gps"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))
                values.Add(part);
            values.Add(h["_uuid"]);
            values.Add(h["hh_id"]);
        }
        values.Remove("");
        return values;
    }

    [Fact]
    public void Csv_HoldsEveryPerson_AndNoNamePhoneGpsOrIdColumnOrValue()
    {
        var file = Out("persons.csv");
        var run = Export("--out", file, "--keys", "sex,age_group,migratory_status,relation", "--fields", "disability,prev_country,move_reason",
            "--max-global-risk", "100%", "--json");
        Assert.True(run.ExitCode == 0, run.Error);

        var rows = ReadCsv(file);
        Assert.Equal(_demo.Members.Count, rows.Count);
        Assert.Equal(["adm4", "sex", "age_group", "migratory_status", "relation", "disability", "prev_country", "move_reason"], rows[0].Keys.ToList());
        var personal = PersonalValues();
        Assert.True(personal.Count > _demo.Members.Count, "the oracle found the demo's names and phones");
        Assert.DoesNotContain(rows.SelectMany(r => r.Values), personal.Contains);
        var text = File.ReadAllText(file);
        foreach (var name in _demo.Members.Select(m => m["name"]).Where(n => n.Contains(' ', StringComparison.Ordinal)))
            Assert.DoesNotContain(name, text, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(file), run.Json.GetProperty("file").GetString());
    }

    [Fact]
    public void Xlsx_RecordsSheet_HoldsNoPersonalValue_AndItsKeyGroupsAreKAnonymous()
    {
        const int k = 5;
        var file = Out("persons.xlsx");
        var run = Export("--format", "xlsx", "--out", file, "--level", "village", "--k", "5", "--max-global-risk", "1", "--json");
        Assert.True(run.ExitCode == 0, run.Error);

        using var doc = SpreadsheetDocument.Open(file, false);
        var workbook = doc.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == "records");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var rows = part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => (Ref: c.CellReference!.Value!, Text: c.InnerText)).ToList()).ToList();
        Assert.Equal(["village", "sex", "age_group", "migratory_status", "disability", "in_school", "employed_before", "employed_now"], rows[0].Select(c => c.Text));
        Assert.Equal(["#adm5+code", "#group+sex+code", "#group+age_group+code", "#group+migratory_status+code", "#group+disability+code",
            "#group+in_school+code", "#group+employed_before+code", "#group+employed_now+code"], rows[1].Select(c => c.Text));
        Assert.Equal(_demo.Members.Count, rows.Count - 2);
        Assert.DoesNotContain(rows.SelectMany(r => r).Select(c => c.Text), PersonalValues().Contains);

        // Key columns are A–D; an absent cell is a missing value.
        string Key(List<(string Ref, string Text)> row) =>
            string.Join('|', "ABCD".Select(col => row.FirstOrDefault(c => c.Ref[0] == col && char.IsDigit(c.Ref[1])).Text ?? ""));
        var groups = rows.Skip(2).GroupBy(Key).Select(g => g.Count()).ToList();
        Assert.All(groups, size => Assert.True(size >= k, $"a key combination of {size} record(s) in a k = {k} file"));
        var json = run.Json;
        Assert.True(json.GetProperty("suppression").GetProperty("k_anonymous").GetBoolean());
        Assert.Equal(groups.Count, json.GetProperty("equivalence_classes").GetInt64());
        Assert.Equal(Math.Round((double)groups.Count / (rows.Count - 2), 6), json.GetProperty("risk").GetProperty("global_risk").GetDouble(), 6);
    }

    [Fact]
    public void Hxl_IsTheCsvWithTheTagsOfTabulateUnderTheHeader()
    {
        var csv = Out("persons.csv");
        var hxl = Out("persons-hxl.csv");
        Assert.Equal(0, Export("--out", csv, "--max-global-risk", "100%").ExitCode);
        var run = Export("--format", "hxl", "--out", hxl, "--max-global-risk", "100%", "--json");
        Assert.True(run.ExitCode == 0, run.Error);

        var lines = File.ReadAllLines(hxl).ToList();
        Assert.Equal("#adm4+code,#group+sex+code,#group+age_group+code,#group+migratory_status+code,#group+disability+code,"
            + "#group+in_school+code,#group+employed_before+code,#group+employed_now+code", lines[1]);
        lines.RemoveAt(1);
        Assert.Equal(File.ReadAllLines(csv), lines);
        Assert.Equal("hxl", run.Json.GetProperty("format").GetString());

        // The same tags as the table of the same dimensions, so the two join.
        var table = Out("table.csv");
        Assert.Equal(0, CliRun.Invoke("tabulate", "-i", "population", "--by", "adm4,sex", "--format", "hxl", "--out", table, "--db", _demo.Database).ExitCode);
        var tableTags = File.ReadLines(table).Skip(1).First().Split(',');
        Assert.Contains("#adm4+code", tableTags);
        Assert.Contains("#group+sex+code", tableTags);
    }

    [Fact]
    public void AboveTheLimit_ExitsTwo_WritesNoFile_AndSaysTheRiskAndWhatToDo()
    {
        var file = Out("refused.csv");
        var before = Directory.GetFiles(_demo.Dir.Path);
        var run = Export("--out", file, "--level", "village", "--keys", "sex,age_group,migratory_status,relation");

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(file));
        Assert.Equal(before, Directory.GetFiles(_demo.Dir.Path));
        Assert.Contains("global re-identification risk is ", run.Error, StringComparison.Ordinal);
        Assert.Contains("above the limit of 3.00%: no file was written", run.Error, StringComparison.Ordinal);
        Assert.Contains("--k 34", run.Error, StringComparison.Ordinal);
        Assert.Contains("--max-global-risk", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalRisk_IsTheNumberOfKeyGroupsOverRecords_CountedInTheWrittenFile()
    {
        var file = Out("households.csv");
        var run = Export("--out", file, "--unit", "household", "--max-global-risk", "100%", "--json");
        Assert.True(run.ExitCode == 0, run.Error);

        var rows = ReadCsv(file);
        Assert.Equal(_demo.Households.Count, rows.Count);
        var groups = rows.GroupBy(r => $"{r["adm4"]}|{r["head_sex"]}|{r["dwelling"]}").Select(g => g.Count()).ToList();
        var json = run.Json;
        Assert.Equal(groups.Count, json.GetProperty("risk").GetProperty("expected_reidentifications").GetDouble(), 3);
        Assert.Equal(groups.Count(g => g == 1), json.GetProperty("risk").GetProperty("unique_records").GetInt64());
        var unique = json.GetProperty("individual_risk").EnumerateArray().Where(r => r.GetProperty("class_size").GetInt64() == 1)
            .Sum(r => r.GetProperty("records").GetInt64());
        Assert.Equal(groups.Count(g => g == 1), unique);
        Assert.Equal(groups.Where(g => g <= 10).Sum(), json.GetProperty("individual_risk").EnumerateArray().Sum(r => r.GetProperty("records").GetInt64()));
    }

    [Fact]
    public void AnExistingFile_IsNotReplacedWithoutForce()
    {
        var file = Out("exists.csv");
        File.WriteAllText(file, "keep");
        var run = Export("--out", file, "--max-global-risk", "100%");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("keep", File.ReadAllText(file));
    }

    /// <summary>
    /// The household-level risk recomputed from a written file alone: each row's risk 1 / (rows sharing its key
    /// values), each household (rows sharing a number) found with chance 1 − ∏ (1 − r) over its rows.
    /// </summary>
    private static (double Households, double PersonWeighted, double Persons) RisksOf(List<Dictionary<string, string>> rows, string[] keys)
    {
        string Key(Dictionary<string, string> r) => string.Join('|', keys.Select(k => r[k]));
        var classSize = rows.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
        var byHousehold = rows.GroupBy(r => r["household"])
            .Select(g => (Members: g.Count(), Risk: 1 - g.Aggregate(1.0, (p, r) => p * (1 - 1.0 / classSize[Key(r)])))).ToList();
        return (byHousehold.Average(h => h.Risk), byHousehold.Sum(h => h.Members * h.Risk) / rows.Count, (double)classSize.Count / rows.Count);
    }

    [Fact]
    public void HouseholdIds_AFileUnderThePersonLevelLimit_IsRefusedAboveTheHouseholdLevelOne_UnlessTheLimitIsRaised()
    {
        string[] options = ["--level", "adm4", "--keys", "sex"];
        string[] keys = ["adm4", "sex"];

        // Without household ids the file passes the default 3% limit.
        var persons = Out("persons.csv");
        var plain = Export(["--out", persons, .. options, "--json"]);
        Assert.True(plain.ExitCode == 0, plain.Error);
        var personRisk = (double)ReadCsv(persons).GroupBy(r => string.Join('|', keys.Select(k => r[k]))).Count() / _demo.Members.Count;
        Assert.True(personRisk <= 0.03, $"person-level risk {personRisk:P2} is within the limit");
        Assert.Equal(JsonValueKind.Null, plain.Json.GetProperty("risk").GetProperty("household_risk").ValueKind);

        // With household ids the same rows are refused: nothing written, exit 2, the household figure and the remedies.
        var refusedFile = Out("refused.csv");
        var before = Directory.GetFiles(_demo.Dir.Path);
        var refused = Export(["--out", refusedFile, .. options, "--household-id"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.False(File.Exists(refusedFile));
        Assert.Equal(before, Directory.GetFiles(_demo.Dir.Path));
        Assert.Contains("household-level re-identification risk is ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("above the limit of 3.00%: no file was written", refused.Error, StringComparison.Ordinal);
        Assert.Contains("no --household-id", refused.Error, StringComparison.Ordinal);

        // Told to take the risk, it writes the file; the risks recomputed from the file are the ones reported.
        var told = Out("households-told.csv");
        var run = Export(["--out", told, .. options, "--household-id", "--max-global-risk", "50%", "--json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        var rows = ReadCsv(told);
        Assert.Equal(["household", "adm4", "sex", "disability", "in_school", "employed_before", "employed_now"], rows[0].Keys.ToList());
        var (households, personWeighted, personLevel) = RisksOf(rows, keys);
        Assert.True(Math.Max(households, personWeighted) > 0.03, $"household-level risk {households:P2} / {personWeighted:P2} is above 3%");
        Assert.Equal(personRisk, personLevel, 9);
        var risk = run.Json.GetProperty("risk");
        var h = risk.GetProperty("household_risk");
        Assert.Equal(Math.Round(households, 6), h.GetProperty("global_risk").GetDouble(), 6);
        Assert.Equal(Math.Round(personWeighted, 6), h.GetProperty("person_weighted_global_risk").GetDouble(), 6);
        Assert.Equal(Math.Round(personLevel, 6), risk.GetProperty("global_risk").GetDouble(), 6);
        Assert.True(run.Json.GetProperty("household_ids").GetBoolean());

        // The numbers regroup the registry's households: as many, of the same sizes as the demo's rosters.
        var sizes = rows.GroupBy(r => r["household"]).Select(g => g.Count()).Order().ToList();
        var rosters = _demo.Members.GroupBy(m => m["_parent_index"]).Select(g => g.Count()).Order().ToList();
        Assert.Equal(rosters, sizes);
        Assert.Equal(_demo.Households.Count, h.GetProperty("households").GetInt64());

        // privacy kanon measures the same person records the same way.
        var kanon = CliRun.Invoke("privacy", "kanon", "-q", "adm4,sex", "--db", _demo.Database, "--json");
        Assert.True(kanon.ExitCode == 0, kanon.Error);
        var kh = kanon.Json.GetProperty("risk").GetProperty("household_risk");
        Assert.Equal(h.GetProperty("global_risk").GetDouble(), kh.GetProperty("global_risk").GetDouble(), 9);
        Assert.True(kh.GetProperty("above_hdx_limit").GetBoolean());
    }
}

using System.Globalization;
using Mosaic.Core.Tests.Disclosure.Oracle;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// A person table by relation and a household table by the head's sex (issue 15), end to end: every household has
/// one head, whose sex is the household's <c>head_sex</c>, so the heads of one sex in a village are that village's
/// households of that head's sex, and a cell hidden in one table is read off the other. The intruder
/// (<see cref="PlainIntruder"/>, no Mosaic type) reads the CSV files the CLI wrote and knows the definitions: the
/// population counts the residents, and a household is counted once, on its head. Its unknowns are persons of every
/// type (area, relation, sex, resident or not); its model is checked against the registry's persons read with SQL.
/// </summary>
public sealed class LinkedHouseholdsCommandTests : IDisposable
{
    private const int K = 5;

    /// <summary>One union of the demo: about 8 households per village with 1,000 households.</summary>
    private const string Union = "BD55490915";


    private readonly TempDirectory _dir = new();
    private string _db = "";

    /// <summary>Writes the demo of that size and seed, the database of the test.</summary>
    private void Demo(int households, int seed)
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        Assert.Equal(0, CliRun.Invoke("demo", "--households", households.ToString(CultureInfo.InvariantCulture), "--seed",
            seed.ToString(CultureInfo.InvariantCulture), "--no-serve", "--db", _db).ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A table of the attack: the indicator and its dimensions, in the union.</summary>
    public sealed record Published(string Indicator, string By);

    private static readonly Published s_persons = new("population", "village,relation,sex");
    private static readonly Published s_households = new("households", "village,head_sex");
    private static readonly Published s_personsByHeadSex = new("population", "village,relation,head_sex");

    /// <summary>
    /// The intruder's definition of each indicator: whether it counts a person of a type (a household: its head). A
    /// head's household has the head's sex as head_sex: no person is of a type that says otherwise.
    /// </summary>
    private static bool Counts(string indicator, Func<string, string> t)
    {
        if (t("relation") == "head" && t("head_sex") != t("sex"))
            return false;
        return indicator switch
        {
            "population" => t("resident") == "yes",
            "households" => t("relation") == "head",
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
        };
    }

    /// <summary>Every suppressed cell the two files give narrower than K, after checking the intruder's model against the registry.</summary>
    private List<string> Narrowed(string personsFile, string householdsFile, string householdsIndicator = "households")
    {
        var areas = PublishedCsv.Areas(_db);
        bool Within(string pcode, string scope)
        {
            for (string? p = pcode; p is not null; p = areas[p].Parent)
            {
                if (p == scope)
                    return true;
            }
            return false;
        }
        bool Lies(string dimension, string code, Func<string, string> t)
        {
            if (dimension.StartsWith(PublishedCsv.ScopePrefix, StringComparison.Ordinal))
                return code == "in" && Within(t("location"), dimension[PublishedCsv.ScopePrefix.Length..]);
            return dimension switch
            {
                "village" => t("location") == code,
                "head_sex" => t("head_sex") == code,
                _ => t(dimension) == code,
            };
        }

        PlainTable[] tables =
        [
            PublishedCsv.Read(personsFile, s_persons.Indicator, Union, t => Counts(s_persons.Indicator, t)),
            PublishedCsv.Read(householdsFile, householdsIndicator, Union, t => Counts(householdsIndicator, t)),
        ];
        var villages = areas.Where(a => a.Value.Level == 5 && Within(a.Key, Union)).Select(a => a.Key).ToArray();
        var variables = new List<(string, string[])>
        {
            ("location", villages),
            ("relation", ["head", "spouse", "child", "parent", "other", PlainIntruder.MissingCode]),
            ("sex", ["female", "male", "other", "unknown", PlainIntruder.MissingCode]),
            ("head_sex", ["female", "male", "other", "unknown", PlainIntruder.MissingCode]),
            ("resident", ["yes", "no"]),
        };
        var persons = new List<IReadOnlyDictionary<string, string>>();
        using (var connection = TestDb.OpenSql(_db, readOnly: true))
        using (var cmd = connection.CreateCommand())
        {
            // head_sex: the sex of the household's head, when the roster has exactly one.
            cmd.CommandText = "SELECT h.area_pcode, p.relation, p.sex, p.mig_status, " +
                "(SELECT min(hd.sex) FROM person hd WHERE hd.household_id = h.id AND hd.relation = 'head' HAVING count(*) = 1) " +
                "FROM person p JOIN household h ON h.id = p.household_id";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var person = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["location"] = reader.GetString(0),
                    ["relation"] = reader.IsDBNull(1) ? PlainIntruder.MissingCode : reader.GetString(1),
                    ["sex"] = reader.IsDBNull(2) ? PlainIntruder.MissingCode : reader.GetString(2),
                    ["resident"] = reader.GetString(3) == "emigrant" ? "no" : "yes",
                    ["head_sex"] = reader.IsDBNull(4) ? PlainIntruder.MissingCode : reader.GetString(4),
                };
                if (Within(person["location"], Union))
                    persons.Add(person);
            }
        }

        var intruder = new PlainIntruder(variables, Lies, tables);
        // The model holds on the demo: one head per household, the head's sex is head_sex (checked, not assumed).
        var mismatches = intruder.Mismatches(persons);
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches.Take(8)));
        return intruder.NarrowerThan(K);
    }

    private CliRun Tabulate(Published table, string file) =>
        CliRun.Invoke("tabulate", "-i", table.Indicator, "--by", table.By, "--area", Union, "--format", "csv", "--out", _dir.File(file),
            "--db", _db, "--publication-log", "--json");

    private CliRun Publish(string directory, bool log, params Published[] tables)
    {
        var publication = _dir.File(directory + ".json");
        // Each table is written to DIR/INDICATOR.csv, a second table of the same indicator to DIR/INDICATOR-2.csv.
        var entries = tables.Select((t, i) => (t, Name: tables.Take(i).Any(x => x.Indicator == t.Indicator) ? $"{t.Indicator}-2" : t.Indicator))
            .Select(x => $$"""{ "name": "{{x.Name}}", "indicator": "{{x.t.Indicator}}", "by": "{{x.t.By}}", "area": "{{Union}}" }""");
        File.WriteAllText(publication, "[ " + string.Join(", ", entries) + " ]");
        return CliRun.Invoke(["publish", publication, "--out", _dir.File(directory), "--format", "csv", "--db", _db, "--json",
            .. log ? ["--publication-log"] : Array.Empty<string>()]);
    }

    [Theory]
    [InlineData(1000, 7)]
    [InlineData(3000, 11)]
    public void PersonsByRelationAndHouseholdsByHeadSex_InOnePublication_NarrowNoSuppressedCellBelowK(int size, int seed)
    {
        Demo(size, seed);
        var run = Publish("together", log: false, s_persons, s_households);
        Assert.True(run.ExitCode == 0, run.Error);
        var found = Narrowed(_dir.File("together/population.csv"), _dir.File("together/households.csv"));
        Assert.True(found.Count == 0, $"{found.Count} cells: " + string.Join("; ", found.Take(8)));
        Assert.All(run.Json.GetProperty("tables").EnumerateArray(), t => Assert.Equal(1, t.GetProperty("linked_tables").GetInt32()));
    }

    [Fact]
    public void PersonsByRelationAndSex_AndByRelationAndHeadSex_InOnePublication_NarrowNoSuppressedCellBelowK()
    {
        Demo(1000, 7);
        // Two tables of one indicator: the heads by sex are the heads by head_sex.
        var run = Publish("persons", log: false, s_persons, s_personsByHeadSex);
        Assert.True(run.ExitCode == 0, run.Error);
        var found = Narrowed(_dir.File("persons/population.csv"), _dir.File("persons/population-2.csv"), "population");
        Assert.True(found.Count == 0, $"{found.Count} cells: " + string.Join("; ", found.Take(8)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ThePersonOrHouseholdTablePublishedLater_WithTheLog_NarrowsNoSuppressedCellBelowK_WithoutIt_Does(bool householdsFirst)
    {
        Demo(1000, 7);
        var (first, second) = householdsFirst ? (s_households, s_persons) : (s_persons, s_households);
        var one = Tabulate(first, "first.csv");
        Assert.True(one.ExitCode == 0, one.Error);
        (string Persons, string Households) Files(string directory)
        {
            var later = _dir.File($"{directory}/{second.Indicator}.csv");
            return householdsFirst ? (later, _dir.File("first.csv")) : (_dir.File("first.csv"), later);
        }

        var unaware = Publish("unaware", log: false, second);
        Assert.True(unaware.ExitCode == 0, unaware.Error);
        var (persons, households) = Files("unaware");
        Assert.NotEmpty(Narrowed(persons, households));

        var two = Publish("logged", log: true, second);
        Assert.True(two.ExitCode == 0, two.Error);
        (persons, households) = Files("logged");
        var found = Narrowed(persons, households);
        Assert.True(found.Count == 0, $"{found.Count} cells: " + string.Join("; ", found.Take(8)));
        Assert.Equal(1, two.Json.GetProperty("tables")[0].GetProperty("earlier_tables").GetInt32());
    }
}

using System.Globalization;
using Mosaic.Core.Tests.Disclosure.Oracle;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>--publication-log</c> across indicators (issue 15), end to end: a table of one count indicator is published with
/// <c>mosaic tabulate</c>, a table of another over overlapping dimensions later with <c>mosaic publish</c>, both with the
/// log. The intruder (<see cref="PlainIntruder"/>, no Mosaic type) reads the two CSV files the CLI wrote, knows the
/// indicators' definitions and the area tree, and solves for every suppressed cell and every group of 1 to K-1
/// persons the two tables define together; the registry's persons (for the model check and the groups' sizes) are
/// read with SQL. Without the log the second table gives cells or groups away; with it nothing is narrowed below K
/// beyond what the first table alone leaves.
/// </summary>
public sealed class LinkedIndicatorsLogCommandTests : IDisposable
{
    private const int K = 5;

    /// <summary>One union of the demo (seed 7): about 35 persons per village, and the intruder's programme stays small.</summary>
    private const string Union = "BD55490915";


    private const string AdultsCatalogue = """
        { "catalogue_version": 1, "indicators": [ { "id": "persons_16_plus", "version": 1, "label": "Residents aged 16 and over",
          "unit": "person", "filter": "mig_status != 'emigrant' and age >= 16", "measure": { "kind": "count" } } ] }
        """;

    private readonly TempDirectory _dir = new();
    private readonly string _db;
    private readonly string _catalogue;

    public LinkedIndicatorsLogCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        Assert.Equal(0, CliRun.Invoke("demo", "--households", "1000", "--seed", "7", "--no-serve", "--db", _db).ExitCode);
        _catalogue = _dir.File("adults.json");
        File.WriteAllText(_catalogue, AdultsCatalogue);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>The intruder's definition of each indicator: whether it counts a person of a type.</summary>
    private static bool Counts(string indicator, Func<string, string> t)
    {
        var resident = t("migratory_status") != "emigrant";
        return indicator switch
        {
            "population" => resident,
            "returnees" => t("migratory_status") == "returnee",
            "children_under_5" => resident && Age(t) is < 5,
            "persons_16_plus" => resident && Age(t) is >= 16,
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
        };
    }

    private static string[] Reads(string indicator) => indicator is "children_under_5" or "persons_16_plus" ? ["migratory_status", "age"] : ["migratory_status"];

    private static int? Age(Func<string, string> t) => t("age") == "_missing" ? null : int.Parse(t("age"), CultureInfo.InvariantCulture);

    private static string VariableOf(string dimension) => dimension switch
    {
        "adm4" or "village" => "location",
        "age_group" => "age",
        _ when dimension.StartsWith(PublishedCsv.ScopePrefix, StringComparison.Ordinal) => "location",
        _ => dimension,
    };
    /// <summary>A table of the attack: its file and the definition it was asked for.</summary>
    public sealed record Published(string Indicator, string By, string? Area);

    /// <summary>
    /// The figures the two files give narrower than K, beyond what the first file alone leaves them, after checking
    /// the intruder's model of the definitions (every published cell is the sum of the persons' types).
    /// </summary>
    private List<string> NewlyNarrowed(Published first, string firstFile, Published second, string secondFile)
    {
        var areas = PublishedCsv.Areas(_db);
        string AreaAt(string pcode, int level)
        {
            var (at, parent) = areas[pcode];
            if (at < level)
                return "_missing";
            while (at > level)
                (at, parent) = areas[pcode = parent!];
            return pcode;
        }
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
            switch (dimension)
            {
                case "adm4" or "village":
                    return AreaAt(t("location"), dimension == "village" ? 5 : 4) == code;
                case "age_group":
                    if (code == "_missing" || Age(t) is not { } age)
                        return code == t("age");
                    if (code.EndsWith('+'))
                        return age >= int.Parse(code[..^1], CultureInfo.InvariantCulture);
                    var parts = code.Split('-');
                    return age >= int.Parse(parts[0], CultureInfo.InvariantCulture) && age <= int.Parse(parts[1], CultureInfo.InvariantCulture);
                default:
                    return t(dimension) == code;
            }
        }

        var one = PublishedCsv.Read(firstFile, "table 1 (" + first.Indicator + ")", first.Area, t => Counts(first.Indicator, t));
        var two = PublishedCsv.Read(secondFile, "table 2 (" + second.Indicator + ")", second.Area, t => Counts(second.Indicator, t));
        PlainTable[] tables = [one, two];
        string[] indicators = [.. new[] { first.Indicator, second.Indicator }.Distinct()];
        var bounds = PlainIntruder.AgeBoundaries(tables);
        var statuses = tables.SelectMany(t => t.Dimensions.Select((d, i) => (d, i)).Where(x => x.d == "migratory_status").SelectMany(x => t.Cells.Select(c => c.Codes[x.i])))
            .Where(c => c != PlainIntruder.TotalCode).Concat(["returnee", "emigrant", "other"]).Distinct().ToArray();
        var read = indicators.SelectMany(Reads).Concat(tables.SelectMany(t => t.Dimensions).Select(VariableOf)).ToHashSet(StringComparer.Ordinal);
        var variables = new List<(string, string[])> { ("location", [.. areas.Keys]), ("migratory_status", statuses) };
        if (read.Contains("sex"))
            variables.Add(("sex", ["female", "male", "other", "unknown", "_missing"]));
        if (read.Contains("age"))
            variables.Add(("age", [.. bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)), "_missing"]));

        // The registry's persons counted by either table, as the intruder's types describe them.
        var persons = new List<IReadOnlyDictionary<string, string>>();
        using (var connection = TestDb.OpenSql(_db, readOnly: true))
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT h.area_pcode, p.sex, p.mig_status, p.age FROM person p JOIN household h ON h.id = p.household_id";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var status = reader.GetString(2);
                var person = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["location"] = reader.GetString(0),
                    ["sex"] = reader.GetString(1),
                    ["migratory_status"] = statuses.Contains(status) ? status : "other",
                    ["age"] = reader.IsDBNull(3) ? "_missing" : bounds.Last(b => b <= Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture),
                };
                if (tables.Any(t => t.Counts(v => person[v]) && (t.Dimensions.All(d => !d.StartsWith(PublishedCsv.ScopePrefix, StringComparison.Ordinal)) ||
                                                                  t.Dimensions.Where(d => d.StartsWith(PublishedCsv.ScopePrefix, StringComparison.Ordinal)).All(d => Lies(d, "in", v => person[v])))))
                    persons.Add(person);
            }
        }

        var intruder = new PlainIntruder(variables, Lies, tables);
        var mismatches = intruder.Mismatches(persons);
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches.Take(8)));
        var groups = intruder.DerivedGroups(persons, K, VariableOf, [.. indicators.SelectMany(Reads).Distinct()],
            [.. indicators.Select(id => (Func<Func<string, string>, bool>)(t => Counts(id, t)))]);
        var hidden = two with { Cells = [.. two.Cells.Select(c => c with { Value = null })] };
        var before = new PlainIntruder(variables, Lies, [one, hidden]).Intervals(K, groups).ToDictionary(i => i.Key, StringComparer.Ordinal);
        return [.. intruder.Intervals(K, groups)
            .Where(i => i.Width < K - 1e-6 && i.Width < before[i.Key].Width - 1e-6)
            .Select(i => $"{i} (the first table alone: [{before[i.Key].Low}, {before[i.Key].High}])")];
    }

    private CliRun Tabulate(Published table, string file) =>
        CliRun.Invoke(["tabulate", "-i", table.Indicator, "--by", table.By, .. table.Area is { } a ? ["--area", a] : Array.Empty<string>(),
            "--format", "csv", "--out", _dir.File(file), "--db", _db, "--catalogue", _catalogue, "--publication-log", "--json"]);

    private CliRun Publish(Published table, string directory, bool log)
    {
        var publication = _dir.File(directory + ".json");
        var area = table.Area is { } a ? $", \"area\": \"{a}\"" : "";
        File.WriteAllText(publication, $$"""[ { "name": "second", "indicator": "{{table.Indicator}}", "by": "{{table.By}}"{{area}} } ]""");
        return CliRun.Invoke(["publish", publication, "--out", _dir.File(directory), "--format", "csv", "--db", _db, "--catalogue", _catalogue, "--json",
            .. log ? ["--publication-log"] : Array.Empty<string>()]);
    }

    public static TheoryData<Published, Published> Pairs() => new()
    {
        // Returnees are residents of the population: the same figures twice, and residents who are not returnees by difference.
        { new Published("returnees", "adm4,sex", null), new Published("population", "adm4,sex,migratory_status", null) },
        // Children under 5 are the population aged 0-4.
        { new Published("population", "village,age_group", Union), new Published("children_under_5", "village,sex", Union) },
        // 16 and over minus 18-59 and 60+: the persons aged 16-17 of a village.
        { new Published("population", "village,age_group", Union), new Published("persons_16_plus", "village", Union) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ATableOfAnotherIndicatorPublishedLater_WithTheLog_NarrowsNothingBelowK_WithoutIt_Does(Published first, Published second)
    {
        var one = Tabulate(first, "first.csv");
        Assert.True(one.ExitCode == 0, one.Error);
        Assert.Equal(0, one.Json.GetProperty("earlier_tables").GetInt32());

        var unaware = Publish(second, "unaware", log: false);
        Assert.True(unaware.ExitCode == 0, unaware.Error);
        Assert.NotEmpty(NewlyNarrowed(first, _dir.File("first.csv"), second, _dir.File("unaware/second.csv")));

        var two = Publish(second, "logged", log: true);
        Assert.True(two.ExitCode == 0, two.Error);
        Assert.Equal(1, two.Json.GetProperty("tables")[0].GetProperty("earlier_tables").GetInt32());
        var found = NewlyNarrowed(first, _dir.File("first.csv"), second, _dir.File("logged/second.csv"));
        Assert.True(found.Count == 0, string.Join("; ", found.Take(8)));
    }
}

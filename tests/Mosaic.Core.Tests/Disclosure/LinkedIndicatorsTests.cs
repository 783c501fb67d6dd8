using System.Globalization;
using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Tests.Disclosure.Oracle;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// Linked protection across indicators (issue 15): count indicators of one unit whose populations overlap
/// (`returnees` inside `population`, `children_under_5` its persons aged 0-4, an indicator of one's own for ages 16
/// and over) are protected as one set in a publication and against the publication log. Attacked by
/// <see cref="DefinitionIntruder"/>, which knows the indicators' definitions and is written without Mosaic's atoms;
/// the small groups it is asked about are counted by plain loops over the demo's persons.
/// </summary>
public sealed class LinkedIndicatorsTests
{
    private const int K = DisclosureRule.DefaultMinimumContributors;

    private const string AdultsCatalogue = """
        { "catalogue_version": 1, "indicators": [ { "id": "persons_16_plus", "version": 1, "label": "Residents aged 16 and over",
          "unit": "person", "filter": "mig_status != 'emigrant' and age >= 16", "measure": { "kind": "count" } } ] }
        """;

    /// <summary>One union of the demo (seed 7): its villages are as sparse as everywhere (about 35 persons), and the intruder's programme stays small.</summary>
    private const string Area = "BD55490915";

    private static readonly IndicatorCatalogue s_catalogue = IndicatorCatalogue.Shipped.With(IndicatorCatalogue.Parse(AdultsCatalogue, "adults.json"));

    /// <summary>A person of the demo as the intruder's types describe one: village, sex, status, age.</summary>
    private sealed record DemoPerson(string Union, string Village, string Sex, string Status, int? Age);

    /// <summary>The demo's registry, and its persons.</summary>
    private static (Tabulator Tabulator, List<DemoPerson> Persons) Demo(int households, long seed)
    {
        var demo = new DemoGenerator(new DemoOptions { Households = households, Seed = seed });
        var areas = demo.Areas().ToDictionary(a => a.Pcode);
        string Village(string pcode)
        {
            var area = areas[pcode];
            while (area.Level > 5)
                area = areas[area.ParentPcode!];
            return area.Pcode;
        }
        string Union(string pcode)
        {
            var area = areas[pcode];
            while (area.Level > 4)
                area = areas[area.ParentPcode!];
            return area.Pcode;
        }
        var builder = new RegistrySnapshotBuilder(demo.Areas(), null, households);
        var persons = new List<DemoPerson>();
        foreach (var h in demo.Households())
        {
            builder.AddHousehold(SnapshotCodes.Of(h));
            foreach (var m in h.Members)
            {
                builder.AddPerson(SnapshotCodes.Of(m));
                persons.Add(new DemoPerson(Union(h.AreaPcode), Village(h.AreaPcode), Codes.Sex[m.Sex], Codes.MigratoryStatus[m.MigratoryStatus], m.Age));
            }
        }
        return (new Tabulator(builder.Build(), s_catalogue), persons);
    }

    private static string[] CodesOf(IEnumerable<TabulationResult> tables, string dimension) =>
        [.. tables.SelectMany(t => t.Dimensions).Where(d => d.Name == dimension).SelectMany(d => d.Codes).Distinct()];

    /// <summary>The lower bound of the interval between consecutive <paramref name="bounds"/> an age falls in, or _missing.</summary>
    private static string Interval(int? age, int[] bounds) =>
        age is { } a ? bounds.Last(b => b <= a).ToString(CultureInfo.InvariantCulture) : TableDimension.MissingCode;

    private static bool Resident(Func<string, string> type) => type("migratory_status") != "emigrant";

    private static bool Below(Func<string, string> type, int age) =>
        type("age") != TableDimension.MissingCode && int.Parse(type("age"), CultureInfo.InvariantCulture) < age;

    /// <summary>Groups of 1 to K-1 persons, each given by a key of its persons, counted over the demo's persons (those <paramref name="counted"/>).</summary>
    private static List<(string Name, Func<Func<string, string>, bool> Member)> SmallGroups(
        List<DemoPerson> persons, Func<DemoPerson, bool> counted, Func<DemoPerson, string?> key, Func<string, Func<Func<string, string>, bool>> member) =>
        [.. persons.Where(counted).Select(key).Where(g => g is not null).GroupBy(g => g!).Where(g => g.Count() < K).Select(g => (g.Key, member(g.Key)))];

    /// <summary>Every published cell of a linked table is the true count, and every cell suppressed alone stays suppressed.</summary>
    private static void OnlyMoreSuppressed(List<TabulationResult> alone, IReadOnlyList<TabulationResult> linked)
    {
        for (var t = 0; t < linked.Count; t++)
        {
            for (var c = 0; c < linked[t].Cells.Count; c++)
            {
                if (!linked[t].Cells[c].Suppressed)
                    Assert.Equal(alone[t].Cells[c].Contributors, linked[t].Cells[c].Value);
                if (alone[t].Cells[c].Suppressed)
                    Assert.True(linked[t].Cells[c].Suppressed);
            }
        }
    }

    private static readonly TabulationRequest[] s_returnees =
    [
        new("population", ["adm4", "sex", "migratory_status"]),
        new("returnees", ["adm4", "sex"]),
    ];

    [Fact]
    public void ReturneesAndPopulationByStatus_ProtectedOneByOne_AreBrokenTogether_AsOnePublicationAreNot()
    {
        var (tabulator, persons) = Demo(1000, 7);
        var alone = s_returnees.Select(tabulator.Tabulate).ToList();
        var linked = tabulator.TabulatePublication(s_returnees);
        DefinitionIntruder Intruder(IReadOnlyList<TabulationResult> tables) => new(
            [("adm4", CodesOf(tables, "adm4")), ("sex", CodesOf(tables, "sex")), ("migratory_status", CodesOf(tables, "migratory_status"))],
            [(tables[0], Resident), (tables[1], t => t("migratory_status") == "returnee")]);
        // Residents who are not returnees, by village and sex and by village: population minus returnees.
        var groups = SmallGroups(persons, p => p.Status is not "emigrant" and not "returnee", p => $"{p.Union}/{p.Sex}",
            g => t => Resident(t) && t("migratory_status") != "returnee" && $"{t("adm4")}/{t("sex")}" == g);
        groups.AddRange(SmallGroups(persons, p => p.Status is not "emigrant" and not "returnee", p => p.Union,
            g => t => Resident(t) && t("migratory_status") != "returnee" && t("adm4") == g));

        // Each table passes its own audit (main's behaviour: tables of different indicators protected separately),
        // yet combined they give cells away: the oracle can fail.
        Assert.All(alone, t => Assert.True(t.Audit!.Passed));
        Assert.NotEmpty(Intruder(alone).NarrowerThan(K, groups));

        var found = Intruder(linked).NarrowerThan(K, groups);
        Assert.True(found.Count == 0, string.Join("; ", found));
        Assert.All(linked, t => Assert.Equal(1, t.LinkedTables));
        Assert.All(linked, t => Assert.Equal("population, returnees", t.LinkedIndicators));
        OnlyMoreSuppressed(alone, linked);
    }

    [Fact]
    public void ChildrenUnder5AndPopulationByAge_AsOnePublication_GiveNothingAway()
    {
        var (tabulator, persons) = Demo(1000, 7);
        TabulationRequest[] requests =
        [
            new("population", ["village", "age_group"]) { AreaPcode = Area },
            new("children_under_5", ["village", "sex"]) { AreaPcode = Area },
            new("population", ["village", "sex"]) { AreaPcode = Area },
        ];
        var alone = requests.Select(tabulator.Tabulate).ToList();
        var linked = tabulator.TabulatePublication(requests);
        int[] bounds = [0, 5, 18, 60];
        DefinitionIntruder Intruder(IReadOnlyList<TabulationResult> tables) => new(
            [("village", CodesOf(tables, "village")), ("sex", CodesOf(tables, "sex")),
             ("age", [.. bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)), TableDimension.MissingCode])],
            // Emigrants are in none of the tables: the types are residents.
            [(tables[0], _ => true), (tables[1], t => Below(t, 5)), (tables[2], _ => true)]);
        var residents = persons.Where(p => p.Union == Area && p.Status != "emigrant").ToList();
        // Persons of 5 and over by village and sex: population minus children; and each age band by village and sex.
        var groups = SmallGroups(residents, p => p.Age is not < 5, p => $"{p.Village}/{p.Sex}",
            g => t => !Below(t, 5) && $"{t("village")}/{t("sex")}" == g);
        groups.AddRange(SmallGroups(residents, _ => true, p => $"{p.Village}/{p.Sex}/{Interval(p.Age, bounds)}",
            g => t => $"{t("village")}/{t("sex")}/{t("age")}" == g));

        // On main the two population tables were linked and children_under_5 protected on its own: broken together.
        var populationOnly = tabulator.TabulatePublication([requests[0], requests[2]]);
        Assert.All(alone, t => Assert.True(t.Audit!.Passed));
        Assert.NotEmpty(Intruder([populationOnly[0], alone[1], populationOnly[1]]).NarrowerThan(K, groups));
        var found = Intruder(linked).NarrowerThan(K, groups);
        Assert.True(found.Count == 0, string.Join("; ", found));
        Assert.All(linked, t => Assert.Equal(2, t.LinkedTables));
        OnlyMoreSuppressed(alone, linked);
    }

    [Fact]
    public void AnIndicatorOfOnesOwnCuttingAgesAt16_IsHeldToTheAgeBandsOfTheOtherTables()
    {
        var (tabulator, persons) = Demo(1000, 7);
        TabulationRequest[] requests =
        [
            new("population", ["village", "age_group"]) { AreaPcode = Area },
            new("persons_16_plus", ["village"]) { AreaPcode = Area },
        ];
        var alone = requests.Select(tabulator.Tabulate).ToList();
        var linked = tabulator.TabulatePublication(requests);
        int[] bounds = [0, 5, 16, 18, 60];
        DefinitionIntruder Intruder(IReadOnlyList<TabulationResult> tables) => new(
            [("village", CodesOf(tables, "village")), ("age", [.. bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)), TableDimension.MissingCode])],
            [(tables[0], _ => true), (tables[1], t => t("age") != TableDimension.MissingCode && !Below(t, 16))]);
        var residents = persons.Where(p => p.Union == Area && p.Status != "emigrant").ToList();
        // Persons aged 16-17 (16 and over minus 18-59 and 60+) and 5-15 (5-17 minus them) of a village, and under 16.
        var groups = SmallGroups(residents, _ => true, p => $"{p.Village}/{Interval(p.Age, bounds)}", g => t => $"{t("village")}/{t("age")}" == g);
        groups.AddRange(SmallGroups(residents, p => p.Age is null or < 16, p => p.Village,
            g => t => (t("age") == TableDimension.MissingCode || Below(t, 16)) && t("village") == g));
        Assert.Contains(groups, g => g.Name.EndsWith("/16", StringComparison.Ordinal));

        Assert.All(alone, t => Assert.True(t.Audit!.Passed));
        Assert.NotEmpty(Intruder(alone).NarrowerThan(K, groups));
        var found = Intruder(linked).NarrowerThan(K, groups);
        Assert.True(found.Count == 0, string.Join("; ", found));
        OnlyMoreSuppressed(alone, linked);
    }

    [Fact]
    public void ATableOfOneIndicator_IsProtectedAgainstALoggedTableOfAnother()
    {
        var (tabulator, persons) = Demo(1000, 7);
        var returnees = new TabulationRequest("returnees", ["adm4", "sex"]);
        var population = new TabulationRequest("population", ["adm4", "sex", "migratory_status"]);
        var first = tabulator.TabulatePublication([returnees])[0];
        var logged = PublicationHistory.Record(first, returnees, DateTimeOffset.UtcNow);
        var groups = SmallGroups(persons, p => p.Status is not "emigrant" and not "returnee", p => $"{p.Union}/{p.Sex}",
            g => t => Resident(t) && t("migratory_status") != "returnee" && $"{t("adm4")}/{t("sex")}" == g);

        List<string> NewlyNarrowed(TabulationResult later)
        {
            DefinitionIntruder Intruder(TabulationResult second) => new(
                [("adm4", CodesOf([first, later], "adm4")), ("sex", CodesOf([first, later], "sex")), ("migratory_status", CodesOf([later], "migratory_status"))],
                [(first, t => t("migratory_status") == "returnee"), (second, Resident)]);
            var hidden = later with { Cells = [.. later.Cells.Select(c => c with { Value = null, Denominator = null, Status = CellStatus.SecondarySuppressed })] };
            var before = Intruder(hidden).Intervals(K, groups).ToDictionary(i => i.Key);
            var found = new List<string>();
            foreach (var now in Intruder(later).Intervals(K, groups))
            {
                var was = before[now.Key];
                if (now.Width < K - 1e-6 && now.Width < was.Width - 1e-6)
                    found.Add($"{now} (the earlier table alone: [{was.Low}, {was.High}])");
            }
            return found;
        }

        // Without the log (or on main, which linked only logged tables of the same indicator) the two go out broken.
        var unaware = tabulator.TabulatePublication([population])[0];
        Assert.Equal(0, unaware.EarlierTables);
        Assert.NotEmpty(NewlyNarrowed(unaware));

        var second = tabulator.TabulatePublication([population], [logged])[0];
        Assert.Equal(1, second.EarlierTables);
        Assert.True(second.Audit!.Passed);
        var found = NewlyNarrowed(second);
        Assert.True(found.Count == 0, string.Join("; ", found));
        OnlyMoreSuppressed([unaware], [second]);
    }

    [Fact]
    public void TablesOfSharesAndOfHouseholds_AreLinkedWithPersonCounts()
    {
        // A share publishes the counts of its denominator and numerator (share times denominator): the residents of
        // 15 and over with an answer are persons of the population. A household is counted on its head, a person.
        var (tabulator, _) = Demo(300, 3);
        var results = tabulator.TabulatePublication(
        [
            new("population", ["village", "sex"]),
            new("households", ["village"]),
            new("employment_now", ["village", "sex"]),
        ]);
        Assert.Equal([2, 2, 2], results.Select(r => r.LinkedTables));
        Assert.Equal("population, households, employment_now", results[2].LinkedIndicators);
    }
}

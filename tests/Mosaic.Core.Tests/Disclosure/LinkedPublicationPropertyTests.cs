using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Areas;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Tests.Disclosure.Oracle;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// Linked protection across indicators (issue 15, "Done when": linked publications), as a property: random small
/// registries (<see cref="RandomRegistry"/>) and random publications of 2-4 count tables of at least two person
/// indicators (population, returnees, children under 5, persons with a disability, an indicator of one's own for ages 16
/// and over) over random dimensions, area levels, age bands and areas. After Mosaic protects the publication as one set,
/// <see cref="PlainIntruder"/> (no Mosaic type; the indicators' definitions written out here) holding every published
/// cell of every table finds no suppressed cell, and no group of 1 to K-1 persons the tables define together, whose
/// feasible interval is narrower than K. A case is one seed: the label names it and the publication.
/// </summary>
public sealed partial class LinkedPublicationPropertyTests
{
    internal const int K = DisclosureRule.DefaultMinimumContributors;

    private const string AdultsCatalogue = """
        { "catalogue_version": 1, "indicators": [ { "id": "persons_16_plus", "version": 1, "label": "Residents aged 16 and over",
          "unit": "person", "filter": "mig_status != 'emigrant' and age >= 16", "measure": { "kind": "count" } } ] }
        """;

    private static readonly IndicatorCatalogue s_catalogue = IndicatorCatalogue.Shipped.With(IndicatorCatalogue.Parse(AdultsCatalogue, "adults.json"));

    private static readonly string[] s_indicators = ["population", "returnees", "children_under_5", "persons_with_disability", "persons_16_plus"];

    private static readonly string[] s_areaLevels = ["adm2", "adm4", "village"];

    private static readonly string[] s_otherDimensions = ["sex", "age_group", "migratory_status", "disability"];

    /// <summary>Groupings of the base bands.</summary>
    private static readonly string[] s_bands = ["0-4,5-17,18-59,60+", "0-17,18+", "0-14,15-59,60+", "0-9,10-19,20+", "0-59,60+"];

    private static readonly Dictionary<string, Area> s_areas = RandomRegistry.Areas.ToDictionary(a => a.Pcode, StringComparer.Ordinal);

    /// <summary>The intruder's definition of each indicator (the catalogue's filters, written out): whether it counts a person of a type.</summary>
    internal static bool Counts(string indicator, Func<string, string> t)
    {
        var resident = t("migratory_status") != "emigrant";
        return indicator switch
        {
            "population" => resident,
            "returnees" => t("migratory_status") == "returnee",
            "children_under_5" => resident && Age(t) is < 5,
            "persons_with_disability" => resident && t("disability") == "yes",
            "persons_16_plus" => resident && Age(t) is >= 16,
            // Every roster has one head: a household is counted once, on its head.
            "households" => t("relation") == "head",
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
        };
    }

    /// <summary>The variables an indicator's filter reads.</summary>
    internal static IEnumerable<string> Reads(string indicator) => indicator switch
    {
        "children_under_5" or "persons_16_plus" => ["migratory_status", "age"],
        "persons_with_disability" => ["migratory_status", "disability"],
        "households" => ["relation"],
        _ => ["migratory_status"],
    };

    internal static string VariableOf(string dimension) => dimension switch
    {
        "adm2" or "adm4" or "village" => "location",
        _ when dimension.StartsWith(ScopePrefix, StringComparison.Ordinal) => "location",
        "age_group" => "age",
        "head_sex" => "sex",
        _ => dimension,
    };

    /// <summary>The lower bound of a type's age interval, null when missing.</summary>
    internal static int? Age(Func<string, string> t) =>
        t("age") == TableDimension.MissingCode ? null : int.Parse(t("age"), CultureInfo.InvariantCulture);

    /// <summary>The code of an area at a level (village = 5): its ancestor there, or <c>_missing</c> when it lies above that level.</summary>
    private static string AreaAt(string pcode, int level)
    {
        var area = s_areas[pcode];
        if (area.Level < level)
            return TableDimension.MissingCode;
        while (area.Level > level)
            area = s_areas[area.ParentPcode!];
        return area.Pcode;
    }

    private static bool Within(string pcode, string scope)
    {
        for (Area? area = s_areas[pcode]; area is not null; area = area.ParentPcode is { } parent ? s_areas[parent] : null)
        {
            if (area.Pcode == scope)
                return true;
        }
        return false;
    }

    /// <summary>Whether a type lies in a category of a dimension (an age interval given by its lower bound lies inside the band).</summary>
    internal static bool Lies(string dimension, string code, Func<string, string> t)
    {
        switch (dimension)
        {
            case var scope when scope.StartsWith(ScopePrefix, StringComparison.Ordinal):
                return code == "in" && Within(t("location"), scope[ScopePrefix.Length..]);
            case "adm2" or "adm4" or "village":
                return AreaAt(t("location"), dimension == "village" ? 5 : dimension[3] - '0') == code;
            case "age_group":
                if (code == TableDimension.MissingCode || Age(t) is not { } age)
                    return code == t("age");
                if (code.EndsWith('+'))
                    return age >= int.Parse(code[..^1], CultureInfo.InvariantCulture);
                var parts = code.Split('-');
                return age >= int.Parse(parts[0], CultureInfo.InvariantCulture) && age <= int.Parse(parts[1], CultureInfo.InvariantCulture);
            case "head_sex":
                // The household's head_sex is its head's sex.
                return t("sex") == code;
            default:
                return t(dimension) == code;
        }
    }

    /// <summary>One random case: the registry's households and the publication.</summary>
    internal sealed record Case(int Seed, List<Household> Households, TabulationRequest[] Requests)
    {
        public override string ToString() =>
            $"seed {Seed}: {Households.Count} households; " + string.Join("; ", Requests.Select(r =>
                $"{r.IndicatorId} by {string.Join(",", r.By)}" + (r.By.Contains("age_group") ? $" ({r.AgeBands})" : "") + (r.AreaPcode is { } a ? $" in {a}" : "")));
    }

    internal static Case Generate(int seed)
    {
        var rng = new Random(seed);
        var households = RandomRegistry.Households(20 + rng.Next(100), seed);
        var tables = 2 + rng.Next(3);
        var indicators = s_indicators.OrderBy(_ => rng.Next()).Take(2).ToList();
        while (indicators.Count < tables)
            indicators.Add(s_indicators[rng.Next(s_indicators.Length)]);
        var requests = new TabulationRequest[tables];
        for (var i = 0; i < tables; i++)
        {
            var by = new List<string>();
            if (rng.Next(5) != 0)
                by.Add(s_areaLevels[rng.Next(s_areaLevels.Length)]);
            var others = 1 + rng.Next(by.Count == 0 ? 2 : 2);
            by.AddRange(s_otherDimensions.OrderBy(_ => rng.Next()).Take(others));
            requests[i] = new TabulationRequest(indicators[i], by)
            {
                AgeBands = AgeBands.Parse(s_bands[rng.Next(s_bands.Length)]),
                AreaPcode = rng.Next(5) == 0 ? "BD55490917" : null,
            };
        }
        return new Case(seed, households, requests);
    }

    internal static Tabulator TabulatorOf(List<Household> households)
    {
        var builder = new RegistrySnapshotBuilder(RandomRegistry.Areas);
        foreach (var h in households)
            builder.Add(h, []);
        return new Tabulator(builder.Build(), s_catalogue);
    }

    /// <summary>
    /// A published table as the intruder reads it, with its indicator's definition; a table restricted to an area has
    /// one more dimension, <c>in:AREA</c>, whose one category <c>in</c> holds the persons of the area.
    /// </summary>
    internal static PlainTable Plain(TabulationResult result, TabulationRequest request, int index)
    {
        string[] scope = request.AreaPcode is { } area ? [ScopePrefix + area] : [];
        return new(
            $"table {index + 1} ({request.IndicatorId})",
            [.. result.Dimensions.Select(d => d.Name), .. scope],
            [.. result.Cells.Select(c => new PlainCell([.. c.Categories.Select((k, d) => result.Dimensions[d].CodeOf(k)), .. scope.Select(_ => "in")], c.Suppressed ? null : c.Value))],
            t => Counts(request.IndicatorId, t));
    }

    internal const string ScopePrefix = "in:";

    /// <summary>
    /// The intruder over the published tables, the registry's persons as its types describe them (for the model check
    /// and the true size of each group), and the groups of 1 to K-1 persons it is asked about
    /// (<see cref="PlainIntruder.DerivedGroups"/>: e.g. the persons aged 16-17 of a village, 5-17 in one table and
    /// counted by "16 and over" in another).
    /// </summary>
    internal static (PlainIntruder Intruder, List<IReadOnlyDictionary<string, string>> Persons, List<PlainIntruder.Groups> Groups) Attack(
        Case c, IReadOnlyList<TabulationResult> results)
    {
        var tables = results.Select((r, i) => Plain(r, c.Requests[i], i)).ToList();
        var dimensions = tables.SelectMany(t => t.Dimensions).ToHashSet(StringComparer.Ordinal);
        var indicators = c.Requests.Select(r => r.IndicatorId).Distinct(StringComparer.Ordinal).ToList();
        var read = indicators.SelectMany(Reads).Concat(dimensions.Select(VariableOf)).ToHashSet(StringComparer.Ordinal);
        var bounds = PlainIntruder.AgeBoundaries(tables);
        var variables = new List<(string, string[])>
        {
            ("location", [.. s_areas.Keys]),
            ("migratory_status", [.. Codes.MigratoryStatus.Entries.Select(e => e.Code)]),
        };
        if (read.Contains("sex"))
            variables.Add(("sex", [.. Codes.Sex.Entries.Select(e => e.Code), TableDimension.MissingCode]));
        if (read.Contains("age"))
            variables.Add(("age", [.. bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)), TableDimension.MissingCode]));
        if (read.Contains("disability"))
            variables.Add(("disability", ["yes", "no", TableDimension.MissingCode]));
        if (read.Contains("relation"))
            variables.Add(("relation", [.. Codes.Relation.Entries.Select(e => e.Code)]));
        var intruder = new PlainIntruder(variables, Lies, tables);

        List<IReadOnlyDictionary<string, string>> persons = [.. c.Households.SelectMany(h => h.Members.Select(m => PersonOf(h, m, bounds)))];

        var groups = intruder.DerivedGroups(persons, K, VariableOf, [.. indicators.SelectMany(Reads).Distinct()],
            [.. indicators.Select(id => (Func<Func<string, string>, bool>)(t => Counts(id, t)))]);
        return (intruder, persons, groups);
    }

    /// <summary>A person as the intruder's types describe it (its age by the interval of <paramref name="bounds"/> it falls in).</summary>
    internal static IReadOnlyDictionary<string, string> PersonOf(Household h, Person m, SortedSet<int> bounds) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["location"] = h.AreaPcode,
        ["migratory_status"] = Codes.MigratoryStatus[m.MigratoryStatus],
        ["sex"] = Codes.Sex[m.Sex],
        ["age"] = m.Age is { } a ? bounds.Last(b => b <= a).ToString(CultureInfo.InvariantCulture) : TableDimension.MissingCode,
        ["disability"] = m.Disability switch { true => "yes", false => "no", null => TableDimension.MissingCode },
        ["relation"] = Codes.Relation[m.Relation],
    };

    [Property(MaxTest = 25, Replay = "(20261204,296144285)")]
    public Property LinkedPublication_OfCountsOfSeveralIndicators_TheIntruderOverAllTablesNarrowsNothingBelowK() =>
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), seed => PublishedAsOneSet(Generate(seed)));

    /// <summary>
    /// The case's tables published as one set and attacked together: the intruder's model checked against the
    /// registry, then nothing narrower than K.
    /// </summary>
    internal static Property PublishedAsOneSet(Case c)
    {
        var results = TabulatorOf(c.Households).TabulatePublication(c.Requests);
        var (intruder, persons, groups) = Attack(c, results);
        var found = intruder.Mismatches(persons);
        if (found.Count == 0)
            found = intruder.NarrowerThan(K, groups);
        return (found.Count == 0).Label($"{c}: {string.Join("; ", found.Take(6))}");
    }

    [Property(MaxTest = 12, Replay = "(20261205,296144285)")]
    public Property TablesPublishedOneAfterTheOther_WithTheLog_TheIntruderOverAllOfThemNarrowsNothingBelowK() =>
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), seed => PublishedThroughTheLog(Generate(seed), seed));

    /// <summary>The case's first tables (how many: from the seed) logged, then the others published against the log, and all attacked together.</summary>
    internal static Property PublishedThroughTheLog(Case c, int seed)
    {
        var split = 1 + seed % (c.Requests.Length - 1);
        var found = ThroughTheLog(c, split);
        return found is null
            ? true.Label($"{c}: refused").Classify(true, "refused")
            : (found.Count == 0).Label($"{c}, the first {split} logged before the others: {string.Join("; ", found.Take(6))}");
    }

    /// <summary>
    /// The first <paramref name="split"/> tables go out as one publication and are logged, the others later against the
    /// log; the figures the intruder over all of them narrows below K and below what the logged tables alone leave them
    /// (null: the later tables were refused, nothing published).
    /// </summary>
    internal static List<string>? ThroughTheLog(Case c, int split)
    {
        var tabulator = TabulatorOf(c.Households);
        var first = tabulator.TabulatePublication(c.Requests[..split]);
        var logged = first.Select((r, i) => PublicationHistory.Record(r, c.Requests[i], DateTimeOffset.UtcNow)).ToList();
        IReadOnlyList<TabulationResult> later;
        try
        {
            later = tabulator.TabulatePublication(c.Requests[split..], logged);
        }
        catch (TabulationException ex) when (ex.Message.Contains("published earlier", StringComparison.Ordinal))
        {
            // Refused: the earlier tables already narrow a cell of a later one below K; nothing is published.
            return null;
        }
        var (intruder, persons, groups) = Attack(c, [.. first, .. later]);
        var mismatches = intruder.Mismatches(persons);
        if (mismatches.Count > 0)
            return mismatches;
        // What the logged tables give away on their own (a cell of a later table that a logged one publishes) is
        // out already: a figure fails only when the later tables narrow it below K and below what the logged left.
        var hidden = later.Select(r => r with { Cells = [.. r.Cells.Select(x => x with { Value = null, Denominator = null, Status = CellStatus.SecondarySuppressed })] });
        var before = Attack(c, [.. first, .. hidden]).Intruder.Intervals(K, groups).ToDictionary(i => i.Key, StringComparer.Ordinal);
        return [.. intruder.Intervals(K, groups)
            .Where(i => i.Width < K - 1e-6 && i.Width < before[i.Key].Width - 1e-6)
            .Select(i => $"{i} (the logged tables alone: [{before[i.Key].Low}, {before[i.Key].High}])")];
    }

    [Theory]
    [InlineData(1101)] // population by age_group × disability: no child under 5 has a disability (asked from age 5)
    [InlineData(1340)]
    public void ACellNoOneCanBeIn_SuppressedAsACorner_DoesNotStopThePublication(int seed)
    {
        // Found by the property: the joint audit asked a cell with no atoms (0 by the definitions) to be K wide and
        // threw "stays in [0, 0] after suppressing every cell that shares its units".
        var c = Generate(seed);
        var results = TabulatorOf(c.Households).TabulatePublication(c.Requests);
        var (intruder, persons, groups) = Attack(c, results);
        Assert.Empty(intruder.Mismatches(persons));
        var found = intruder.NarrowerThan(K, groups);
        Assert.True(found.Count == 0, string.Join("; ", found));
    }

    [Fact]
    public void TheSameTablesProtectedOneByOne_TheIntruderBreaksSome()
    {
        // The oracle can fail: on main before linked protection, each table was protected on its own.
        var broken = new List<string>();
        var cells = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var c = Generate(seed);
            var tabulator = TabulatorOf(c.Households);
            var alone = c.Requests.Select(tabulator.Tabulate).ToList();
            cells += alone.Sum(t => t.Cells.Count);
            var (intruder, persons, groups) = Attack(c, alone);
            Assert.Empty(intruder.Mismatches(persons));
            if (intruder.NarrowerThan(K, groups) is [var first, ..])
                broken.Add($"{c}: {first}");
        }
        // 7 of these 20 publications (1,923 cells) are broken so.
        Assert.True(broken.Count >= 5, $"{broken.Count} of 20 cases broken ({cells} cells): {string.Join("; ", broken)}");
    }
}

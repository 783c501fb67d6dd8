using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Disclosure;

/// <summary>
/// Linked publications under the other rules and methods (issue 15, "Done when": linked publications the same across
/// tables), as properties over the random publications of <see cref="LinkedPublicationPropertyTests"/>: with the
/// optimal secondary method (mixed-integer, OR-Tools) on small registries, and with the household rule for person
/// tables (a cell needs persons from at least H households). The intruder over all tables
/// (<see cref="Oracle.PlainIntruder"/>) finds no suppressed cell or small group narrower than K; with the household
/// rule, no published cell holds persons of 1 to H-1 households, counted here from the registry's households.
/// </summary>
public sealed class LinkedPublicationRulesPropertyTests
{
    private const int K = LinkedPublicationPropertyTests.K;

    /// <summary>The households of the household rule: as many as the persons of the frequency rule.</summary>
    private const int H = K;

    /// <summary>The random publication of a seed, its first two tables on a registry of 12-40 households, with the optimal method.</summary>
    internal static LinkedPublicationPropertyTests.Case Optimal(int seed)
    {
        var c = LinkedPublicationPropertyTests.Generate(seed);
        return c with
        {
            Households = RandomRegistry.Households(12 + seed % 29, seed),
            Requests = [.. c.Requests.Take(2).Select(r => r with { Secondary = SecondaryMethod.Optimal, OptimalTimeLimit = TimeSpan.FromSeconds(30) })],
        };
    }

    /// <summary>The random publication of a seed with the household rule on every table.</summary>
    internal static LinkedPublicationPropertyTests.Case HouseholdRule(int seed)
    {
        var c = LinkedPublicationPropertyTests.Generate(seed);
        return c with { Requests = [.. c.Requests.Select(r => r with { MinimumHouseholds = H })] };
    }

    /// <summary>
    /// What the intruder over all tables finds: the model's mismatches with the registry first, else every figure
    /// narrower than K but for those it pins at 0 (a cell of nobody, e.g. population of missing age and unknown status,
    /// seed 71 with the household rule: it describes nobody, as an empty cell published as 0).
    /// </summary>
    internal static List<string> Findings(LinkedPublicationPropertyTests.Case c, IReadOnlyList<TabulationResult> results)
    {
        var (intruder, persons, groups) = LinkedPublicationPropertyTests.Attack(c, results);
        var found = intruder.Mismatches(persons);
        return found.Count > 0 ? found : [.. LinkedPublicationMeasuresPropertyTests.NarrowerThanK(intruder, groups)];
    }

    /// <summary>
    /// The published cells whose persons come from 1 to <paramref name="h"/> - 1 households: each cell's persons found
    /// from the registry's households with the intruder's definitions, their households counted.
    /// </summary>
    internal static List<string> FewHouseholds(LinkedPublicationPropertyTests.Case c, IReadOnlyList<TabulationResult> results, int h)
    {
        var found = new List<string>();
        var bands = new SortedSet<int>(Enumerable.Range(0, 120));
        for (var i = 0; i < results.Count; i++)
        {
            var table = LinkedPublicationPropertyTests.Plain(results[i], c.Requests[i], i);
            foreach (var cell in table.Cells.Where(x => x.Value is not null))
            {
                var households = 0;
                foreach (var household in c.Households)
                {
                    var inCell = household.Members.Any(m =>
                    {
                        var person = LinkedPublicationPropertyTests.PersonOf(household, m, bands);
                        string Read(string variable) => person[variable];
                        return table.Counts(Read) && table.Dimensions.Select((d, k) => (d, k))
                            .All(x => cell.Codes[x.k] == Oracle.PlainIntruder.TotalCode || LinkedPublicationPropertyTests.Lies(x.d, cell.Codes[x.k], Read));
                    });
                    if (inCell)
                        households++;
                }
                if (households is > 0 && households < h)
                    found.Add($"{table.Name} [{string.Join(",", cell.Codes)}] = {cell.Value} is published with persons of {households} household(s)");
            }
        }
        return found;
    }

    [Property(MaxTest = 6, Replay = "(20261208,296144285)")]
    public Property LinkedPublication_WithTheOptimalMethod_TheIntruderOverAllTablesNarrowsNothingBelowK() =>
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), seed =>
        {
            var c = Optimal(seed);
            var results = LinkedPublicationPropertyTests.TabulatorOf(c.Households).TabulatePublication(c.Requests);
            var found = Findings(c, results);
            return (found.Count == 0).Label($"{c} (optimal): {string.Join("; ", found.Take(6))}");
        });

    [Property(MaxTest = 8, Replay = "(20261209,296144285)")]
    public Property LinkedPublication_WithTheHouseholdRule_PublishesNoCellOfFewHouseholdsAndNarrowsNothingBelowK() =>
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), seed =>
        {
            var c = HouseholdRule(seed);
            var results = LinkedPublicationPropertyTests.TabulatorOf(c.Households).TabulatePublication(c.Requests);
            var found = FewHouseholds(c, results, H);
            if (found.Count == 0)
                found = Findings(c, results);
            return (found.Count == 0).Label($"{c} (households {H}): {string.Join("; ", found.Take(6))}");
        });

    [Theory]
    [InlineData(5)] // a group of persons 16 and over of a union, narrowed below K
    [InlineData(21)] // returnees aged 0-4: [0, 1]
    public void TheSameOptimalTablesProtectedOneByOne_TheIntruderBreaksThem(int seed)
    {
        // The oracle can fail with the optimal method too (4 of the first 30 cases, each table protected on its own,
        // are broken; these are two of them), and the same tables as one publication pass.
        var c = Optimal(seed);
        var tabulator = LinkedPublicationPropertyTests.TabulatorOf(c.Households);
        Assert.NotEmpty(Findings(c, [.. c.Requests.Select(tabulator.Tabulate)]));
        var found = Findings(c, tabulator.TabulatePublication(c.Requests));
        Assert.True(found.Count == 0, $"{c}: {string.Join("; ", found.Take(6))}");
    }
}

using System.Runtime.InteropServices;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// Re-identification risk of a microdata file over its quasi-identifiers, as sdcMicro's <c>measure_risk</c> states
/// it for a file that holds the whole population (the registry: every record, weight 1): a record whose combination
/// of quasi-identifier values is shared by f records has individual risk 1/f; the expected number of
/// re-identifications is the sum of the individual risks (the number of combinations), and the global risk is that
/// number over the number of records. HDX refuses a file whose global risk is above 3%.
/// </summary>
internal static class MicrodataRisk
{
    /// <summary>The global risk above which an export is refused unless the user says otherwise (HDX's rule).</summary>
    public const double DefaultMaximumGlobalRisk = 0.03;

    /// <param name="records">One array of quasi-identifier values per record (as <see cref="KAnonymity"/> takes them).</param>
    /// <param name="sensitive">One value per record of a sensitive variable for l-diversity, or null.</param>
    /// <param name="householdOf">
    /// Each record's household when the file keeps persons grouped in households (a household id column), for the
    /// household risk (<see cref="HouseholdRisk"/>); null for a file of independent records.
    /// </param>
    /// <param name="width">Only the first values of each record are its quasi-identifiers (null: all of them).</param>
    public static MicrodataRiskReport Measure(IReadOnlyList<string?[]> records, IReadOnlyList<string?>? sensitive = null, IReadOnlyList<int>? householdOf = null,
        int? width = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (sensitive is not null && sensitive.Count != records.Count)
            throw new ArgumentException("one sensitive value per record", nameof(sensitive));
        if (householdOf is not null && householdOf.Count != records.Count)
            throw new ArgumentException("one household per record", nameof(householdOf));
        var classes = new Dictionary<string?[], List<int>>(width is { } w ? RecordComparer.Prefix(w) : RecordComparer.Instance);
        for (var i = 0; i < records.Count; i++)
        {
            ref var members = ref CollectionsMarshal.GetValueRefOrAddDefault(classes, records[i], out _);
            (members ??= []).Add(i);
        }
        double expected = 0;
        var highest = 0.0;
        var aboveHalf = 0;
        var individual = householdOf is null ? null : new double[records.Count];
        foreach (var members in classes.Values)
        {
            var risk = 1.0 / members.Count;
            expected += members.Count * risk;
            highest = Math.Max(highest, risk);
            if (risk > 0.5)
                aboveHalf += members.Count;
            if (individual is not null)
            {
                foreach (var i in members)
                    individual[i] = risk;
            }
        }
        int? smallestL = null;
        var classesWithOneValue = 0;
        var recordsWithOneValue = 0;
        if (sensitive is not null && records.Count > 0)
        {
            foreach (var members in classes.Values)
            {
                // Distinct l-diversity: how many different sensitive values the class holds.
                var distinct = members.Select(i => sensitive[i]).Distinct(StringComparer.Ordinal).Count();
                smallestL = Math.Min(smallestL ?? int.MaxValue, distinct);
                if (distinct == 1)
                {
                    classesWithOneValue++;
                    recordsWithOneValue += members.Count;
                }
            }
        }
        return new MicrodataRiskReport(records.Count, expected, records.Count == 0 ? 0 : expected / records.Count, highest, aboveHalf)
        {
            SmallestDistinctL = smallestL,
            ClassesWithOneSensitiveValue = classesWithOneValue,
            RecordsWithOneSensitiveValue = recordsWithOneValue,
            Household = individual is null ? null : HouseholdRisk.Measure(individual, householdOf!),
        };
    }
}

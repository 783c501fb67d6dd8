using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators.Expressions;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The records a microdata export would contain, reduced to chosen quasi-identifiers, for
/// <see cref="KAnonymity"/>: one record per person (or per household), each value the field's code as a
/// tabulation would show it (areas rolled up to the asked level, ages banded), null when missing.
/// </summary>
internal static class QuasiIdentifierRecords
{
    /// <param name="snapshot">The registry.</param>
    /// <param name="quasiIdentifiers">Dimension names as for <c>--by</c> (e.g. <c>adm4</c>, <c>sex</c>, <c>age_group</c>).</param>
    /// <param name="unit">Records are persons or households; household records only take household fields.</param>
    /// <param name="ageBands">Bands for <c>age_group</c> (default bands when null).</param>
    /// <param name="areaPcode">Only records of households in this area's subtree.</param>
    /// <param name="filter">Only records meeting this condition (the expression language of indicators).</param>
    public static IReadOnlyList<string?[]> Build(RegistrySnapshot snapshot, IReadOnlyList<string> quasiIdentifiers, FieldLevel unit = FieldLevel.Person,
        AgeBands? ageBands = null, string? areaPcode = null, string? filter = null) =>
        Build(snapshot, quasiIdentifiers, unit, ageBands, areaPcode, filter, withHouseholds: false).Records;

    /// <summary>
    /// As <see cref="Build(RegistrySnapshot, IReadOnlyList{string}, FieldLevel, AgeBands?, string?, string?)"/>, with each
    /// record's household (the snapshot's household row; a household record's own row). Records of one household are
    /// consecutive, in the registry's order.
    /// </summary>
    public static (IReadOnlyList<string?[]> Records, int[] Households) BuildWithHouseholds(RegistrySnapshot snapshot,
        IReadOnlyList<string> quasiIdentifiers, FieldLevel unit = FieldLevel.Person, AgeBands? ageBands = null, string? areaPcode = null,
        string? filter = null)
    {
        var (records, households) = Build(snapshot, quasiIdentifiers, unit, ageBands, areaPcode, filter, withHouseholds: true);
        return (records, households!);
    }

    private static (IReadOnlyList<string?[]> Records, int[]? Households) Build(RegistrySnapshot snapshot, IReadOnlyList<string> quasiIdentifiers,
        FieldLevel unit, AgeBands? ageBands, string? areaPcode, string? filter, bool withHouseholds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(quasiIdentifiers);
        if (quasiIdentifiers.Count == 0)
            throw new TabulationException("name at least one quasi-identifier (e.g. adm4,sex,age_group,migratory_status)");
        var duplicate = quasiIdentifiers.GroupBy(q => q, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new TabulationException($"quasi-identifier '{duplicate.Key}' is given twice");
        var fields = new SnapshotFields(snapshot, ageBands ?? AgeBands.Default);
        var columns = quasiIdentifiers.Select(fields.ResolveCategorical).ToList();
        if (unit == FieldLevel.Household && columns.FirstOrDefault(c => c.Level == FieldLevel.Person) is { } personal)
            throw new TabulationException($"'{personal.Name}' describes persons, but the records are households");

        var eval = new ExpressionEvaluator(fields);
        var rows = unit == FieldLevel.Person ? snapshot.PersonCount : snapshot.HouseholdCount;
        var selected = Bitmap.All(rows);
        if (filter is not null)
            selected = selected.And(eval.Condition(ParseFilter(filter), unit));
        if (areaPcode is not null)
        {
            var within = snapshot.HouseholdsWithin(areaPcode);
            selected = selected.And(unit == FieldLevel.Person ? eval.Broadcast(within) : within);
        }

        var householdOf = unit == FieldLevel.Person && (withHouseholds || columns.Any(c => c.Level == FieldLevel.Household)) ? snapshot.HouseholdOfPerson : null;
        var count = (int)Math.Min(selected.Count(), int.MaxValue);
        var records = new List<string?[]>(count);
        var households = withHouseholds ? new int[count] : null;
        for (var row = 0; row < rows; row++)
        {
            if (!selected[row])
                continue;
            var record = new string?[columns.Count];
            for (var q = 0; q < columns.Count; q++)
            {
                var column = columns[q];
                var source = column.Level == FieldLevel.Household && unit == FieldLevel.Person ? householdOf![row] : row;
                var code = column.CodeAt(source);
                // Codes are shared strings from the column, so a record costs its array only.
                record[q] = code == 0 ? null : column.Codes[code];
            }
            if (households is not null)
                households[records.Count] = householdOf is null ? row : householdOf[row];
            records.Add(record);
        }
        return (records, households);
    }

    private static Expr ParseFilter(string filter)
    {
        try
        {
            return ExpressionParser.Parse(filter);
        }
        catch (ExpressionException ex)
        {
            throw new TabulationException($"filter: {ex.Message}", ex);
        }
    }
}

using System.Globalization;
using Mosaic.Core.Application;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Resolves field names (the standard form's names plus a few derived ones) to snapshot columns. This is the one
/// place that knows how a name maps to storage, so filters, measures and dimensions all agree.
/// </summary>
internal sealed class SnapshotFields(RegistrySnapshot snapshot, AgeBands ageBands)
{
    /// <summary>Level number used for <c>village</c>: the level below the four COD admin levels.</summary>
    public const int VillageLevel = 5;

    /// <summary>Optional fields other parts of Mosaic fill later, with the command that fills them.</summary>
    private static readonly Dictionary<string, string> s_optional = new(StringComparer.Ordinal)
    {
        ["hazard_exposure"] = "mosaic score",
        ["vulnerability"] = "mosaic score",
    };

    private readonly Dictionary<string, object> _cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> DimensionNames { get; } =
    [
        "adm1", "adm2", "adm3", "adm4", "adm5", "village", "area", "migratory_status", "sex", "age_group", "disability",
        "head_sex", "relation", "dwelling", "remittances", "remittance_change", "debt", "savings", "assistance_received",
        "in_school", "employed_before", "employed_now", "move_reason", "move_month", "move_year", "prev_country",
        "shock_flood", "shock_erosion", "shock_cyclone", "shock_drought", "shock_job_loss", "shock_illness", "shock_death", "shock_conflict",
    ];

    /// <summary>
    /// Household fields that copy a field of the household's head, with that person field (<c>head_sex</c> is the
    /// head's <c>sex</c>, when the roster has exactly one head): tables of persons and of households linked in a
    /// publication must know that the two are one value on the head.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HeadFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["head_sex"] = "sex",
    };

    public static IReadOnlyList<string> NumericNames { get; } =
        ["age", "income_before", "income_now", "remittance_amount", "members"];

    public RegistrySnapshot Snapshot => snapshot;

    public AgeBands AgeBands => ageBands;

    /// <summary>The column for a name: a <see cref="CategoricalColumn"/> or a <see cref="NumericColumn"/>.</summary>
    public object Resolve(string name)
    {
        if (_cache.TryGetValue(name, out var hit))
            return hit;
        var column = Create(name) ?? throw Unknown(name);
        _cache[name] = column;
        return column;
    }

    public CategoricalColumn ResolveCategorical(string name) => Resolve(name) switch
    {
        CategoricalColumn c => c,
        _ when name == "age" => throw new TabulationException("'age' is a number: tabulate by 'age_group' (ages in the request's age bands)", RequestSetting.AgeBands),
        _ => throw new TabulationException($"'{name}' is a number, not a category: it cannot be a dimension"),
    };

    private TabulationException Unknown(string name)
    {
        if (s_optional.TryGetValue(name, out var filler))
            return new TabulationException($"field '{name}' is not available in this database yet: it is filled by `{filler}`");
        return new TabulationException(
            $"unknown field '{name}' (known: {string.Join(", ", DimensionNames.Concat(NumericNames).Concat(snapshot.OptionalHouseholdFields))})");
    }

    private object? Create(string name)
    {
        var s = snapshot;
        switch (name)
        {
            case "sex": return Coded(name, FieldLevel.Person, Codes.Sex, s.Sex);
            case "head_sex": return Coded(name, FieldLevel.Household, Codes.Sex, s.HeadSex);
            case "mig_status" or "migratory_status": return Coded(name, FieldLevel.Person, Codes.MigratoryStatus, s.MigratoryStatus);
            case "relation": return Coded(name, FieldLevel.Person, Codes.Relation, s.Relation);
            case "move_reason": return Coded(name, FieldLevel.Person, Codes.MoveReason, s.MoveReason);
            case "dwelling": return Coded(name, FieldLevel.Household, Codes.Dwelling, s.Dwelling);
            case "remittance_change": return Coded(name, FieldLevel.Household, Codes.RemittanceChange, s.RemittanceChange);
            case "disability": return YesNo(name, FieldLevel.Person, s.PersonFlags, RegistrySnapshot.DisabilityShift);
            case "in_school": return YesNo(name, FieldLevel.Person, s.PersonFlags, RegistrySnapshot.InSchoolShift);
            case "employed_before": return YesNo(name, FieldLevel.Person, s.PersonFlags, RegistrySnapshot.EmployedBeforeShift);
            case "employed_now": return YesNo(name, FieldLevel.Person, s.PersonFlags, RegistrySnapshot.EmployedNowShift);
            case "remittances": return YesNo(name, FieldLevel.Household, s.HouseholdFlags, RegistrySnapshot.RemittancesShift);
            case "debt": return YesNo(name, FieldLevel.Household, s.HouseholdFlags, RegistrySnapshot.DebtShift);
            case "savings": return YesNo(name, FieldLevel.Household, s.HouseholdFlags, RegistrySnapshot.SavingsShift);
            case "assistance_received": return YesNo(name, FieldLevel.Household, s.HouseholdFlags, RegistrySnapshot.AssistanceShift);
            case "age_group": return AgeGroup();
            case "prev_country":
                {
                    var lookup = Enumerable.Range(0, s.Countries.Length).ToArray();
                    return new CategoricalColumn(name, FieldLevel.Person, s.Countries, s.Countries, lookup, shorts: s.PreviousCountry, isOpen: true);
                }
            case "move_month": return MoveColumn(name, m => new DateOnly(SnapshotCodes.FirstMoveYear + (m - 1) / 12, (m - 1) % 12 + 1, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture));
            case "move_year": return MoveColumn(name, m => (SnapshotCodes.FirstMoveYear + (m - 1) / 12).ToString("D4", CultureInfo.InvariantCulture));
            case "area": return AreaColumn(name, null);
            case "village": return AreaColumn(name, VillageLevel);
            case "age": return new NumericColumn(name, FieldLevel.Person, r => s.Age[r] == RegistrySnapshot.MissingAge ? double.NaN : s.Age[r]);
            case "income_before": return new NumericColumn(name, FieldLevel.Household, r => s.IncomeBefore[r]);
            case "income_now": return new NumericColumn(name, FieldLevel.Household, r => s.IncomeNow[r]);
            case "remittance_amount": return new NumericColumn(name, FieldLevel.Household, r => s.RemittanceAmount[r]);
            case "members": return new NumericColumn(name, FieldLevel.Household, r => s.PersonStart[r + 1] - s.PersonStart[r]);
        }
        if (name.Length == 4 && name.StartsWith("adm", StringComparison.Ordinal) && name[3] is >= '1' and <= '9')
            return AreaColumn(name, name[3] - '0');
        if (name.StartsWith("shock_", StringComparison.Ordinal) && Codes.Shock.TryParse(name["shock_".Length..], out var shock))
            return ShockColumn(name, (byte)shock);
        if (s.ExtraNumbers.TryGetValue(name, out var extra))
            return new NumericColumn(name, FieldLevel.Household, r => extra[r]);
        return null;
    }

    private static CategoricalColumn Coded<TEnum>(string name, FieldLevel level, CodeList<TEnum> list, byte[] data) where TEnum : struct, Enum
    {
        var codes = new string[list.Entries.Count + 1];
        codes[0] = "";
        for (var i = 0; i < list.Entries.Count; i++)
            codes[i + 1] = list.Entries[i].Code;
        var lookup = new int[256];
        for (var i = 0; i < codes.Length; i++)
            lookup[i] = i;
        return new CategoricalColumn(name, level, codes, [.. codes.Select(CategoryLabels.Of)], lookup, bytes: data);
    }

    private static readonly string[] s_yesNo = ["", "no", "yes"];

    private static CategoricalColumn YesNo(string name, FieldLevel level, byte[] packed, int shift)
    {
        var lookup = new int[256];
        for (var raw = 0; raw < 256; raw++)
        {
            var v = (raw >> shift) & 3;
            lookup[raw] = v <= 2 ? v : 0;
        }
        return new CategoricalColumn(name, level, s_yesNo, [.. s_yesNo.Select(CategoryLabels.Of)], lookup, bytes: packed, isYesNo: true);
    }

    private CategoricalColumn ShockColumn(string name, byte flag)
    {
        var lookup = new int[256];
        for (var raw = 0; raw < 256; raw++)
            lookup[raw] = (raw & flag) != 0 ? 2 : 1;
        return new CategoricalColumn(name, FieldLevel.Household, s_yesNo, [.. s_yesNo.Select(CategoryLabels.Of)], lookup, bytes: snapshot.Shocks, isYesNo: true);
    }

    private CategoricalColumn AgeGroup()
    {
        var bands = ageBands.Bands;
        var codes = new string[bands.Count + 1];
        codes[0] = "";
        for (var b = 0; b < bands.Count; b++)
            codes[b + 1] = ageBands.Label(b);
        var lookup = new int[256];
        for (var age = 0; age < RegistrySnapshot.MissingAge; age++)
        {
            for (var b = 0; b < bands.Count; b++)
            {
                if (age >= bands[b].From && age <= bands[b].To)
                {
                    lookup[age] = b + 1;
                    break;
                }
            }
        }
        return new CategoricalColumn("age_group", FieldLevel.Person, codes, [.. codes.Select(c => c.Length == 0 ? CategoryLabels.Of(c) : c)], lookup, bytes: snapshot.Age);
    }

    /// <summary>
    /// Month or year of the move: the categories are the periods present in the data, in calendar order, each raw
    /// month mapped to its period by the lookup table (so years cost no more than months).
    /// </summary>
    private CategoricalColumn MoveColumn(string name, Func<int, string> period)
    {
        var months = snapshot.MoveMonth;
        var present = new bool[ushort.MaxValue + 1];
        foreach (var m in months)
            present[m] = true;
        var codes = new List<string> { "" };
        var lookup = new int[ushort.MaxValue + 1];
        for (var m = 1; m < present.Length; m++)
        {
            if (!present[m])
                continue;
            var code = period(m);
            if (codes[^1] != code)
                codes.Add(code);
            lookup[m] = codes.Count - 1;
        }
        return new CategoricalColumn(name, FieldLevel.Person, [.. codes], [.. codes.Select(c => c.Length == 0 ? CategoryLabels.Of(c) : c)], lookup, shorts: months, isOpen: true);
    }

    /// <summary>Areas at a level (null = as recorded), rolled up from each household's area through the P-code tree.</summary>
    private CategoricalColumn AreaColumn(string name, int? level)
    {
        var areas = snapshot.Areas;
        if (level is { } required)
            areas.RequireLevel(name, required);
        var pcodes = areas.Pcodes;
        var target = new string?[pcodes.Count];
        for (var i = 0; i < pcodes.Count; i++)
            target[i] = level is { } l ? areas.AncestorAt(pcodes[i], l) : pcodes[i];
        var distinct = target.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var codes = new string[distinct.Count + 1];
        codes[0] = "";
        var labels = new string[codes.Length];
        labels[0] = CategoryLabels.Of("");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Count; i++)
        {
            codes[i + 1] = distinct[i];
            labels[i + 1] = areas.NameOf(distinct[i]);
            index[distinct[i]] = i + 1;
        }
        var lookup = new int[pcodes.Count];
        for (var i = 0; i < pcodes.Count; i++)
            lookup[i] = target[i] is { } t ? index[t] : 0;
        return new CategoricalColumn(name, FieldLevel.Household, codes, labels, lookup, ints: snapshot.Area, isOpen: true);
    }
}

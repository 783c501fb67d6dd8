using Mosaic.Core.Areas;
using Mosaic.Core.Indicators;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Tabulates by letting the store count (<see cref="ITabulationPushdown"/>), then builds the table exactly as the
/// in-memory <see cref="Tabulator"/> does: the same categories in the same order, totals added up in Core from the
/// inner cells, and the same disclosure control. So a pushed-down table equals the in-memory one cell for cell.
/// </summary>
public static class PushdownTabulator
{
    /// <summary>The table counted by the store, or null when the store cannot count this indicator (count in memory then).</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="catalogue">The indicators.</param>
    /// <param name="request">The table asked for.</param>
    /// <param name="cancellationToken">Passed to the store's reads.</param>
    public static async Task<TabulationResult?> TryTabulateAsync(IMosaicStore store, IndicatorCatalogue catalogue, TabulationRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        return store.Registry is ITabulationPushdown pushdown
            ? await TryTabulateAsync(pushdown, await store.Areas.AllAsync(cancellationToken: cancellationToken), catalogue, catalogue.Get(request.IndicatorId), request,
                cancellationToken)
            : null;
    }

    /// <summary>As above, for a definition that need not be in the catalogue.</summary>
    /// <param name="pushdown">The store that counts.</param>
    /// <param name="areas">Its area tree.</param>
    /// <param name="catalogue">The indicators.</param>
    /// <param name="indicator">The indicator counted.</param>
    /// <param name="request">The table asked for.</param>
    /// <param name="cancellationToken">Passed to the store's reads (a cancelled count is stopped in the database).</param>
    public static async Task<TabulationResult?> TryTabulateAsync(ITabulationPushdown pushdown, IReadOnlyList<Area> areas, IndicatorCatalogue catalogue,
        IndicatorDefinition indicator, TabulationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pushdown);
        ArgumentNullException.ThrowIfNull(request);
        // Distinct households per cell are not counted in the database: the household rule needs the in-memory engine.
        if (request.MinimumHouseholds > 1)
            return null;
        // Cell-key perturbation needs each cell's record keys, which the database does not sum: in memory too.
        if (request.Method != Mosaic.Core.Disclosure.DisclosureMethod.Suppression)
            return null;
        // The in-memory engine on a snapshot without rows validates the request: every error is the same as in memory.
        var empty = new RegistrySnapshotBuilder(areas, await pushdown.OptionalHouseholdNumbersAsync(cancellationToken), 16).Build();
        new Tabulator(empty, catalogue).Tabulate(indicator, request);
        var fields = new SnapshotFields(empty, request.AgeBands);
        var dims = request.By.Select(name => new PushdownDimension(name, AreaLevel(name, out _))).ToList();
        PushdownCounts counts;
        try
        {
            counts = await pushdown.CountAsync(new PushdownQuery(indicator, dims, request.AreaPcode, request.AgeBands), cancellationToken);
        }
        catch (PushdownNotSupportedException)
        {
            return null;
        }

        var n = dims.Count;
        // Read once, and only when a dimension needs it: the store's order of first mention.
        IReadOnlyList<string>? previousCountries = request.By.Contains("prev_country", StringComparer.Ordinal)
            ? await pushdown.PreviousCountriesAsync(cancellationToken)
            : null;
        var columns = new List<CategoricalColumn>(n);
        for (var d = 0; d < n; d++)
            columns.Add(Column(request.By[d], d, counts.Rows, fields, previousCountries));
        var size = 1L;
        var strides = new int[n];
        for (var d = n - 1; d >= 0; d--)
        {
            strides[d] = (int)size;
            size *= columns[d].Cardinality;
            if (size > Tabulator.MaximumCells)
                throw new TabulationException($"the table would have more than {Tabulator.MaximumCells:N0} cells: use fewer or coarser dimensions");
        }
        var kind = indicator.Measure.Kind;
        var contributors = new long[size];
        var num = new double[size];
        var den = new double[size];
        var yes = kind == MeasureKind.Share ? new long[size] : null;
        var valued = kind is MeasureKind.Sum or MeasureKind.Mean;
        var (largest, second, magnitude) = valued ? (new double[size], new double[size], new double[size]) : (null, null, null);
        long total = 0;
        foreach (var row in counts.Rows)
        {
            var key = 0;
            for (var d = 0; d < n; d++)
                key += strides[d] * Category(columns[d], request.By[d], row.Keys[d], empty.Areas);
            contributors[key] += row.Contributors;
            num[key] += row.Numerator;
            den[key] += row.Denominator;
            total += row.Contributors;
            if (yes is not null)
                yes[key] += row.NumeratorContributors;
            if (valued)
            {
                magnitude![key] += row.Magnitude;
                (largest![key], second![key]) = TopTwo.Merge(largest[key], second![key], row.Largest, row.SecondLargest);
            }
        }
        // A count that lost rows between the groups and the total (a shard answering half a query) must not leave.
        if (total != counts.GrandTotal.Contributors)
            throw new InvalidOperationException($"the database's counts are inconsistent ({total:N0} in the cells, {counts.GrandTotal.Contributors:N0} in the total)");
        var sums = new CellSums(contributors, num, den)
        {
            NumeratorContributors = yes,
            Largest = largest,
            SecondLargest = second,
            Magnitude = magnitude,
        };
        return Tabulator.AssembleCounted(indicator, request, fields, columns, strides, sums);
    }

    /// <summary>Whether a dimension is an area level (adm1…adm9, village, area), and which level (null = as recorded).</summary>
    private static bool AreaLevel(string name, out int? level)
    {
        level = null;
        if (name == "area")
            return true;
        if (name == "village")
        {
            level = SnapshotFields.VillageLevel;
            return true;
        }
        if (name.Length == 4 && name.StartsWith("adm", StringComparison.Ordinal) && name[3] is >= '1' and <= '9')
        {
            level = name[3] - '0';
            return true;
        }
        return false;
    }

    /// <summary>The dimension's categories as the in-memory engine would list them (unobserved ones are dropped later).</summary>
    private static CategoricalColumn Column(string name, int d, IReadOnlyList<PushdownRow> rows, SnapshotFields fields, IReadOnlyList<string>? previousCountries)
    {
        var areas = fields.Snapshot.Areas;
        string[] codes;
        string[] labels;
        if (AreaLevel(name, out var level))
        {
            if (level is { } required)
                areas.RequireLevel(name, required);
            codes = ["", .. rows.Select(r => r.Keys[d]).OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(p => level is { } l ? areas.AncestorAt(p, l) : p).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            labels = [CategoryLabels.Of(""), .. codes.Skip(1).Select(areas.NameOf)];
            return new CategoricalColumn(name, FieldLevel.Household, codes, labels, [], isOpen: true);
        }
        switch (name)
        {
            case "prev_country":
                codes = ["", .. previousCountries!];
                return new CategoricalColumn(name, FieldLevel.Person, codes, codes, [], isOpen: true);
            case "move_month" or "move_year":
                codes = ["", .. rows.Select(r => r.Keys[d]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                labels = [.. codes.Select(c => c.Length == 0 ? CategoryLabels.Of(c) : c)];
                return new CategoricalColumn(name, FieldLevel.Person, codes, labels, [], isOpen: true);
            default:
                return fields.ResolveCategorical(name);
        }
    }

    private static int Category(CategoricalColumn column, string name, string? key, SnapshotAreas areas)
    {
        if (key is null)
            return 0;
        if (AreaLevel(name, out var level) && level is { } l)
            key = areas.AncestorAt(key, l);
        return key is null ? 0 : Math.Max(column.IndexOf(key), 0);
    }
}

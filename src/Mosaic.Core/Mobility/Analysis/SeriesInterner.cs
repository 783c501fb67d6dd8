namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// One <see cref="SeriesKey"/> instance per series for a set of rows. The store hands out the same dataset and
/// operation strings for every row of a series, and rows of a series mostly come together, so the common case is
/// a reference comparison with the previous row's series.
/// </summary>
internal sealed class SeriesInterner
{
    private readonly Dictionary<SeriesKey, SeriesKey> _keys = [];
    private SeriesKey? _last;

    public SeriesKey Of(AssessmentTotalRow row)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Dataset, row.Dataset) && ReferenceEquals(last.Operation, row.Operation) &&
            last.ReportingLevel == row.AdminLevel && last.Assessment == row.Assessment)
            return last;
        var key = new SeriesKey(row.Dataset, row.Operation, row.AdminLevel, row.Assessment);
        if (!_keys.TryGetValue(key, out var known))
            _keys[key] = known = key;
        return _last = known;
    }
}

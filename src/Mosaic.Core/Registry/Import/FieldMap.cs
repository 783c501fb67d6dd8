namespace Mosaic.Core.Registry.Import;

/// <summary>
/// A mapping resolved against one table's header: for each Mosaic field, the column index (-1 when absent),
/// its recode and default. Resolved once per table, so the per-row path is array indexing only.
/// </summary>
internal sealed class FieldMap
{
    private readonly int[] _columns;
    private readonly IReadOnlyList<RegistrationField> _fields;
    private readonly IReadOnlyDictionary<string, string?>?[] _recodes;
    private readonly int[]?[] _coalesce;
    private readonly string?[] _defaults;

    /// <param name="explicitSources">Fields whose columns a mapping file names: every named column present is read,
    /// first non-empty wins (<c>coalesce</c>); the others take the first column found.</param>
    public FieldMap(SourceTable table, IReadOnlyList<RegistrationField> fields, IReadOnlyList<string>[] sources,
        IReadOnlyDictionary<string, string?>?[] recodes, string?[] defaults, bool[]? explicitSources = null)
    {
        _coalesce = new int[]?[fields.Count];
        Explicit = explicitSources ?? new bool[fields.Count];
        Table = table;
        _fields = fields;
        _recodes = recodes;
        _defaults = defaults;
        var lookup = new HeaderLookup(table.Headers);
        _columns = new int[fields.Count];
        for (var i = 0; i < _columns.Length; i++)
            _columns[i] = lookup.Find(sources[i]);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (explicitSources?[i] != true || sources[i].Count < 2)
                continue;
            var found = sources[i].Select(lookup.Find).Where(c => c >= 0).Distinct().ToArray();
            if (found.Length > 1)
                _coalesce[i] = found;
        }
        for (var i = 0; i < _columns.Length; i++)
        {
            if (fields[i].IsGeopoint)
                (_splits ??= new SplitGeopoint?[fields.Count])[i] = SplitGeopoint.Find(table.Headers, sources[i]);
        }
    }

    private readonly SplitGeopoint?[]? _splits;

    public SourceTable Table { get; }

    /// <summary>Fields whose columns a mapping file names (each must exist).</summary>
    public bool[] Explicit { get; }

    /// <summary>The column of a field, or -1.</summary>
    public int Column(int field) => _columns[field];

    /// <summary>Points a field at a column (used when the row link is resolved as a pair).</summary>
    public void SetColumn(int field, int column)
    {
        _columns[field] = column;
        _coalesce[field] = null;
    }

    /// <summary>Whether the field's own column is in the table (a split geopoint counts; a default does not).</summary>
    public bool HasColumn(int field) => _columns[field] >= 0 || Split(field) is not null;

    /// <summary>Whether a field has a column or a default.</summary>
    public bool Has(int field) => _columns[field] >= 0 || _defaults[field] is not null || Split(field) is not null;

    /// <summary>The header of a field's column, or the field's Mosaic name when it comes from a default.</summary>
    public string ColumnName(int field) => _columns[field] is var c and >= 0 ? Table.Headers[c]
        : Split(field) is { } split ? Table.Headers[split.LatitudeColumn] : _fields[field].Name;

    private SplitGeopoint? Split(int field) => _splits?[field];

    /// <summary>The raw cell of a field, trimmed (before recode and default), or null.</summary>
    public string? Raw(SourceRow row, int field)
    {
        if (_coalesce[field] is { } columns)
        {
            foreach (var column in columns)
            {
                if (row.Values[column]?.Trim() is { Length: > 0 } first)
                    return first;
            }
            return null;
        }
        var c = _columns[field];
        return c < 0 ? null : row.Values[c]?.Trim() is { Length: > 0 } v ? v : null;
    }

    /// <summary>The value of a field: the cell (recoded) or the default; null when missing (or recoded to missing).</summary>
    public string? Value(SourceRow row, int field)
    {
        var v = Raw(row, field) ?? Split(field)?.Value(row);
        if (v is null)
            return _defaults[field];
        return _recodes[field] is { } recode && recode.TryGetValue(v, out var code) ? code : v;
    }

    /// <summary>Recodes one token of a select-multiple answer; null when the token is dropped.</summary>
    public string? Recode(int field, string token) =>
        _recodes[field] is { } recode && recode.TryGetValue(token, out var code) ? code : token;

    /// <summary>Whether the field has a recode table (select-multiple tokens then need recoding).</summary>
    public bool HasRecode(int field) => _recodes[field] is not null;
}

using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Registry.Import;

/// <summary>Rows of a CSV (Kobo or ODK export) through <see cref="CsvReader"/>: separator detected, empty field = missing.</summary>
internal sealed class CsvRowReader : IRowReader
{
    private readonly CsvReader _csv;
    private readonly Func<long> _position;

    /// <param name="stream">The CSV bytes (UTF-8).</param>
    /// <param name="file">File name for error messages.</param>
    /// <param name="sheet">Inner name when the CSV is part of a zip, else null.</param>
    /// <param name="position">Bytes consumed so far, for progress.</param>
    /// <param name="options">Encoding and limits.</param>
    public CsvRowReader(Stream stream, string file, string? sheet, Func<long> position, CsvReadOptions? options = null)
    {
        _csv = CsvReader.Open(stream, file, sheet, options ?? CsvReadOptions.Default);
        _position = position;
        string[] headers = _csv.Read() ? [.. _csv.Fields] : [];
        for (var i = 0; i < headers.Length; i++)
            headers[i] = headers[i].Trim();
        Table = new SourceTable(file, sheet, headers, IsSpreadsheet: false);
    }

    /// <summary>Opens a CSV source.</summary>
    public static CsvRowReader Open(ImportSource source, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = source.Open();
        try
        {
            return new CsvRowReader(stream, source.Name, null, () => stream.Position, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public SourceTable Table { get; }

    public long BytesRead => _position();

    public bool Read(SourceRow row)
    {
        if (!_csv.Read())
            return false;
        var fields = _csv.Fields;
        var values = row.Values;
        var n = Math.Min(fields.Count, values.Length);
        for (var i = 0; i < n; i++)
        {
            var f = fields[i];
            values[i] = f.Length == 0 ? null : f;
        }
        for (var i = n; i < values.Length; i++)
            values[i] = null;
        row.RowNumber = _csv.RecordNumber;
        return true;
    }

    public void Dispose() => _csv.Dispose();
}

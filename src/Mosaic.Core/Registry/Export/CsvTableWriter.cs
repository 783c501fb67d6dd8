using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Registry.Export;

/// <summary>Writes rows of <see cref="ExportCell"/> as CSV through <see cref="CsvWriter"/> (UTF-8 without BOM).</summary>
internal sealed class CsvTableWriter : IDisposable
{
    private readonly CsvWriter _csv;

    /// <param name="options">Formula guard on by default.</param>
    public CsvTableWriter(string path, CsvWriteOptions? options = null)
    {
        _csv = CsvWriter.Create(path, options);
    }

    /// <summary>Writes the header row.</summary>
    public void WriteHeader(IReadOnlyList<string> columns) => _csv.WriteRow(columns);

    /// <summary>Writes one row: numbers in invariant culture (round-trip form), text through the formula guard unless
    /// it is off.</summary>
    public void WriteRow(ReadOnlySpan<ExportCell> cells)
    {
        foreach (var cell in cells)
        {
            if (cell.Number is { } n)
                _csv.Number(n);
            else
                _csv.Text(cell.Text);
        }
        _csv.EndRow();
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _csv.Dispose();
}

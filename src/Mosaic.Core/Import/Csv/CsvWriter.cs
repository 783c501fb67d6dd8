using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Mosaic.Core.Import.Csv;

/// <summary>
/// The one CSV writer of Mosaic, on nietras/Sep: RFC 4180 quoting (a field with the separator, a quote or a line
/// break is quoted and its quotes doubled), UTF-8 without BOM, LF line endings, and the <see cref="FormulaGuard"/>
/// on every text cell unless <see cref="CsvWriteOptions.FormulaGuard"/> is off. HXL tag rows (<c>#adm1+code</c>)
/// and numbers pass unchanged.
/// </summary>
internal sealed class CsvWriter : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SepWriter _sep;
    private readonly bool _guard;
    private readonly List<string> _cells = [];

    /// <param name="output">Where the text goes (left open when <paramref name="leaveOpen"/>).</param>
    public CsvWriter(TextWriter output, CsvWriteOptions? options = null, bool leaveOpen = true)
    {
        options ??= CsvWriteOptions.Default;
        _guard = options.FormulaGuard;
        var spec = Sep.New(options.Separator).Writer(o => o with
        {
            WriteHeader = false,
            Escape = true,
            ColNotSetOption = SepColNotSetOption.Empty,
        });
        _sep = leaveOpen ? spec.To(output, leaveOpen: true) : spec.To(output);
    }

    /// <summary>Creates (or replaces) a file.</summary>
    public static CsvWriter Create(string path, CsvWriteOptions? options = null) =>
        new(new StreamWriter(path, append: false, s_utf8, bufferSize: 1 << 16), options, leaveOpen: false);

    /// <summary>Writes one row of text cells (null = empty).</summary>
    public void WriteRow(IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
            Text(fields[i]);
        EndRow();
    }

    /// <summary>Writes one row of text cells (null = empty).</summary>
    public void WriteRow(params ReadOnlySpan<string?> fields)
    {
        foreach (var f in fields)
            Text(f);
        EndRow();
    }

    /// <summary>Appends a text cell to the current row.</summary>
    public void Text(string? value) =>
        _cells.Add(string.IsNullOrEmpty(value) ? "" : _guard && FormulaGuard.IsDangerous(value) ? "'" + value : value);

    /// <summary>Appends a number cell (shortest round-trip form, invariant culture).</summary>
    public void Number(double value) => _cells.Add(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Appends a number the caller has already formatted (invariant culture); never guarded.</summary>
    public void Number(string? formatted) => _cells.Add(formatted ?? "");

    /// <summary>Appends a whole-number cell.</summary>
    public void Number(long value) => _cells.Add(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends an empty cell.</summary>
    public void Empty() => _cells.Add("");

    /// <summary>Ends the current row (a row without cells writes nothing).</summary>
    public void EndRow()
    {
        if (_cells.Count == 0)
            return;
        using (var row = _sep.NewRow())
        {
            for (var i = 0; i < _cells.Count; i++)
                row[i].Set(_cells[i]);
        }
        _cells.Clear();
    }

    public void Dispose()
    {
        EndRow();
        _sep.Dispose();
    }
}

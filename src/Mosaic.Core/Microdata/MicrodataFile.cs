using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Core.Registry.Export;

namespace Mosaic.Core.Microdata;

/// <summary>
/// Writes the records of a microdata export: CSV through <see cref="CsvTableWriter"/> (Mosaic's CSV writer, formula
/// guard on), or XLSX with the sheets streamed by <see cref="XlsxSheetWriter"/> as the Kobo export writes them.
/// </summary>
internal static class MicrodataFile
{
    private const string RecordsSheet = "records";
    private const string AboutSheet = "about";

    public static void Write(string path, MicrodataFormat format, IReadOnlyList<string> header, IReadOnlyList<string?[]> rows,
        IReadOnlyList<(string Key, string Value)> about, CancellationToken cancellationToken)
    {
        if (format != MicrodataFormat.Xlsx)
        {
            using var csv = new CsvTableWriter(path);
            csv.WriteHeader(header);
            if (format == MicrodataFormat.Hxl)
                csv.WriteRow(HxlRow(header));
            WriteRows(header.Count, rows, csv.WriteRow, cancellationToken);
            return;
        }

        // The OpenXml SDK keeps the parts of a package it writes in memory, so it only builds the small skeleton; the
        // zip is then written entry by entry, the records sheet streamed straight into its entry.
        var (template, recordsEntry, aboutEntry) = Template();
        using var source = new ZipArchive(template, ZipArchiveMode.Read);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var target = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
            if (entry.FullName == recordsEntry)
            {
                using var sheet = new XlsxSheetWriter(to, header.Count);
                sheet.WriteHeader(header);
                sheet.WriteRow(HxlRow(header));
                WriteRows(header.Count, rows, sheet.WriteRow, cancellationToken);
            }
            else if (entry.FullName == aboutEntry)
            {
                using var sheet = new XlsxSheetWriter(to, 2);
                sheet.WriteHeader(["key", "value"]);
                foreach (var (key, value) in about)
                    sheet.WriteRow([key, value]);
            }
            else
            {
                using var from = entry.Open();
                from.CopyTo(to);
            }
        }
    }

    /// <summary>
    /// The HXL hashtag of each column: the code tag <c>tabulate --format hxl</c> gives the same dimension (the area
    /// column <c>#adm4+code</c>, a category <c>#group+sex+code</c>), so records and tables join on the same tags. The
    /// household number of a person file with household ids is <c>#meta+household+id</c>.
    /// </summary>
    private static ExportCell[] HxlRow(IReadOnlyList<string> header) =>
        [.. header.Select(name => (ExportCell)(name == MicrodataExport.HouseholdColumn ? "#meta+household+id" : Tabulation.Output.HxlTags.ForDimension(name).Code))];

    private delegate void RowWriter(ReadOnlySpan<ExportCell> cells);

    private static void WriteRows(int columns, IReadOnlyList<string?[]> rows, RowWriter write, CancellationToken cancellationToken)
    {
        var cells = new ExportCell[columns];
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 4095) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var row = rows[i];
            for (var c = 0; c < cells.Length; c++)
                cells[c] = string.IsNullOrEmpty(row[c]) ? ExportCell.Empty : row[c];
            write(cells);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static (MemoryStream Zip, string RecordsEntry, string AboutEntry) Template()
    {
        var zip = new MemoryStream();
        string recordsEntry, aboutEntry;
        using (var document = SpreadsheetDocument.Create(zip, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var records = workbook.AddNewPart<WorksheetPart>();
            records.Worksheet = new Worksheet(new SheetData());
            var aboutPart = workbook.AddNewPart<WorksheetPart>();
            aboutPart.Worksheet = new Worksheet(new SheetData());
            workbook.Workbook = new Workbook(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(records), SheetId = 1, Name = RecordsSheet },
                new Sheet { Id = workbook.GetIdOfPart(aboutPart), SheetId = 2, Name = AboutSheet }));
            recordsEntry = records.Uri.OriginalString.TrimStart('/');
            aboutEntry = aboutPart.Uri.OriginalString.TrimStart('/');
        }
        zip.Position = 0;
        return (zip, recordsEntry, aboutEntry);
    }
}

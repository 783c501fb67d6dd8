using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Core.Registry.Forms;

namespace Mosaic.Core.Registry.Export;

/// <summary>
/// Writes households as a KoboToolbox export of the standard form, in both shapes the importer reads:
/// <c>registrations.xlsx</c> (sheet <c>household-registration</c> + repeat sheet <c>members</c>, linked by
/// <c>_index</c>/<c>_parent_index</c>) and <c>households.csv</c> + <c>members.csv</c> with the same columns.
/// Everything streams: memory does not grow with the number of rows.
/// </summary>
internal static class KoboExportWriter
{
    public const string XlsxFile = "registrations.xlsx";
    public const string HouseholdsCsvFile = "households.csv";
    public const string MembersCsvFile = "members.csv";

    /// <summary>Writes the export into <paramref name="directory"/> (created if needed; files are overwritten).</summary>
    /// <param name="households">Enumerated twice (the XLSX zip is written one sheet after the other), so it must
    /// yield the same households each time, as the demo generator and the store readers do.</param>
    /// <param name="progress">Receives the number of household rows written so far over both passes.</param>
    public static KoboExportResult Write(string directory, IEnumerable<Household> households, Action<long>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var xlsxPath = Path.Combine(directory, XlsxFile);
        var householdsCsv = Path.Combine(directory, HouseholdsCsvFile);
        var membersCsv = Path.Combine(directory, MembersCsvFile);
        var (template, householdEntry, memberEntry) = Template();

        // The OpenXml SDK keeps every part of a package it writes in memory until it closes, so it only builds the
        // small package skeleton; the zip is then written in streaming mode, with each sheet streamed straight
        // into its zip entry by an OpenXmlWriter.
        (long Households, long Persons)? first = null, second = null;
        using (var source = new ZipArchive(template, ZipArchiveMode.Read))
        using (var file = new FileStream(xlsxPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var target = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                if (entry.FullName == householdEntry)
                {
                    first = WriteHouseholds(to, householdsCsv, membersCsv, households, n => progress?.Invoke(n));
                }
                else if (entry.FullName == memberEntry)
                {
                    var offset = first?.Households ?? 0;
                    second = WriteMembers(to, households, n => progress?.Invoke(offset + n));
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }
        if (first is null || second is null || first != second)
            throw new InvalidOperationException("the household sequence changed between the two passes of the XLSX export");
        var (householdCount, personCount) = first.Value;
        progress?.Invoke(2 * householdCount);
        return new KoboExportResult(directory, householdCount, personCount, [xlsxPath, householdsCsv, membersCsv]);
    }

    /// <summary>The household sheet and both CSVs, in one pass.</summary>
    private static (long, long) WriteHouseholds(Stream sheet, string householdsCsv, string membersCsv, IEnumerable<Household> households, Action<long> progress)
    {
        long householdCount = 0, personCount = 0;
        var hRow = new ExportCell[KoboExportColumns.Household.Count];
        var mRow = new ExportCell[KoboExportColumns.Member.Count];
        using var hCsv = new CsvTableWriter(householdsCsv);
        using var mCsv = new CsvTableWriter(membersCsv);
        using var hXlsx = new XlsxSheetWriter(sheet, hRow.Length);
        hCsv.WriteHeader(KoboExportColumns.Household);
        mCsv.WriteHeader(KoboExportColumns.Member);
        hXlsx.WriteHeader(KoboExportColumns.Household);
        foreach (var h in households)
        {
            householdCount++;
            KoboExportColumns.HouseholdRow(h, householdCount, hRow);
            hCsv.WriteRow(hRow);
            hXlsx.WriteRow(hRow);
            foreach (var p in h.Members)
            {
                personCount++;
                KoboExportColumns.MemberRow(p, personCount, householdCount, mRow);
                mCsv.WriteRow(mRow);
            }
            if ((householdCount & 1023) == 0)
                progress(householdCount);
        }
        return (householdCount, personCount);
    }

    private static (long, long) WriteMembers(Stream sheet, IEnumerable<Household> households, Action<long> progress)
    {
        long householdCount = 0, personCount = 0;
        var mRow = new ExportCell[KoboExportColumns.Member.Count];
        using var mXlsx = new XlsxSheetWriter(sheet, mRow.Length);
        mXlsx.WriteHeader(KoboExportColumns.Member);
        foreach (var h in households)
        {
            householdCount++;
            foreach (var p in h.Members)
            {
                personCount++;
                KoboExportColumns.MemberRow(p, personCount, householdCount, mRow);
                mXlsx.WriteRow(mRow);
            }
            if ((householdCount & 1023) == 0)
                progress(householdCount);
        }
        return (householdCount, personCount);
    }

    /// <summary>A workbook with the two (empty) sheets, in memory, and the zip entry names of the sheets.</summary>
    private static (MemoryStream Zip, string HouseholdEntry, string MemberEntry) Template()
    {
        var zip = new MemoryStream();
        string householdEntry, memberEntry;
        using (var document = SpreadsheetDocument.Create(zip, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var householdSheet = workbook.AddNewPart<WorksheetPart>();
            householdSheet.Worksheet = new Worksheet(new SheetData());
            var memberSheet = workbook.AddNewPart<WorksheetPart>();
            memberSheet.Worksheet = new Worksheet(new SheetData());
            workbook.Workbook = new Workbook(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(householdSheet), SheetId = 1, Name = StandardForm.FormId },
                new Sheet { Id = workbook.GetIdOfPart(memberSheet), SheetId = 2, Name = StandardForm.MembersRepeat }));
            householdEntry = householdSheet.Uri.OriginalString.TrimStart('/');
            memberEntry = memberSheet.Uri.OriginalString.TrimStart('/');
        }
        zip.Position = 0;
        return (zip, householdEntry, memberEntry);
    }
}

/// <summary>What <see cref="KoboExportWriter.Write"/> wrote.</summary>
public sealed record KoboExportResult(string Directory, long Households, long Persons, IReadOnlyList<string> Files);

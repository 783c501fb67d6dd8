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
public static class KoboExportWriter
{
    public const string XlsxFile = "registrations.xlsx";
    public const string HouseholdsCsvFile = "households.csv";
    public const string MembersCsvFile = "members.csv";

    /// <summary>Writes the export into <paramref name="directory"/> (created if needed; files are overwritten).</summary>
    /// <param name="households">Enumerated twice (an XLSX package is written one sheet after the other), so it must
    /// yield the same households each time, as the demo generator and the store readers do.</param>
    /// <param name="progress">Receives the number of household rows written so far over both passes.</param>
    public static KoboExportResult Write(string directory, IEnumerable<Household> households, Action<long>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var xlsxPath = Path.Combine(directory, XlsxFile);
        // A write-only stream makes System.IO.Packaging write the zip in streaming mode instead of buffering parts.
        using var stream = new FileStream(xlsxPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var householdSheet = workbook.AddNewPart<WorksheetPart>();
        var memberSheet = workbook.AddNewPart<WorksheetPart>();

        long householdCount = 0, personCount = 0;
        var hRow = new ExportCell[KoboExportColumns.Household.Count];
        var mRow = new ExportCell[KoboExportColumns.Member.Count];
        using (var hCsv = new CsvTableWriter(Path.Combine(directory, HouseholdsCsvFile)))
        using (var mCsv = new CsvTableWriter(Path.Combine(directory, MembersCsvFile)))
        using (var hXlsx = new XlsxSheetWriter(householdSheet, hRow.Length))
        {
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
                    progress?.Invoke(householdCount);
            }
        }

        long secondPass = 0, memberIndex = 0;
        using (var mXlsx = new XlsxSheetWriter(memberSheet, mRow.Length))
        {
            mXlsx.WriteHeader(KoboExportColumns.Member);
            foreach (var h in households)
            {
                secondPass++;
                foreach (var p in h.Members)
                {
                    memberIndex++;
                    KoboExportColumns.MemberRow(p, memberIndex, secondPass, mRow);
                    mXlsx.WriteRow(mRow);
                }
                if ((secondPass & 1023) == 0)
                    progress?.Invoke(householdCount + secondPass);
            }
        }
        if (secondPass != householdCount || memberIndex != personCount)
            throw new InvalidOperationException("the household sequence changed between the two passes of the XLSX export");

        workbook.Workbook = new Workbook(new Sheets(
            new Sheet { Id = workbook.GetIdOfPart(householdSheet), SheetId = 1, Name = StandardForm.FormId },
            new Sheet { Id = workbook.GetIdOfPart(memberSheet), SheetId = 2, Name = StandardForm.MembersRepeat }));
        progress?.Invoke(2 * householdCount);
        return new KoboExportResult(directory, householdCount, personCount,
            [xlsxPath, Path.Combine(directory, HouseholdsCsvFile), Path.Combine(directory, MembersCsvFile)]);
    }
}

/// <summary>What <see cref="KoboExportWriter.Write"/> wrote.</summary>
public sealed record KoboExportResult(string Directory, long Households, long Persons, IReadOnlyList<string> Files);

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// Writes <c>tests/data/registrations/kobo-reach-export.xlsx</c>: a KoboToolbox XLSX export ("XML values and
/// headers", groups in headers with '/', select-multiple as both the answer and 0/1 option columns) of a partner's
/// household form with a <c>members</c> repeat on its own sheet. Its layout follows what Kobo's exporter writes:
/// the form's title as the first sheet's name, the metadata <c>start end today deviceid</c> first, a geopoint with
/// its <c>_gps_latitude …</c> columns, the submission metadata (<c>_id _uuid _submission_time _validation_status
/// _notes _status _submitted_by __version__ _tags _index</c>) last; the repeat sheet ends with
/// <c>_index _parent_table_name _parent_index _submission__id _submission__uuid …</c>. Consent is asked of the
/// adult or of a proxy (two questions), and the household's arrival date is asked once per household.
/// </summary>
internal static class KoboReachExport
{
    public const string HouseholdSheet = "REACH HH registration 2026";

    public const string MembersSheet = "members";

    private const string Version = "vHkW3pq7XbC9sJyT2mQd4a";

    public static readonly string[] HouseholdHeaders =
    [
        "start", "end", "today", "deviceid",
        "intro/consent_adult", "intro/consent_proxy",
        "hh/hh_id", "hh/adm_pcode", "hh/gps", "hh/_gps_latitude", "hh/_gps_longitude", "hh/_gps_altitude", "hh/_gps_precision",
        "hh/dwelling", "hh/income_before", "hh/income_now", "hh/arrival_date",
        "hh/shocks", "hh/shocks/flood", "hh/shocks/erosion", "hh/shocks/cyclone", "hh/shocks/none",
        "hh/coping", "hh/coping/savings", "hh/coping/debt", "hh/savings", "hh/debt",
        "meta/instanceID",
        "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index",
    ];

    public static readonly string[] MemberHeaders =
    [
        "members/name", "members/sex", "members/age", "members/relation", "members/mig_status", "members/prev_country",
        "members/wg_seeing", "members/wg_walking",
        "_index", "_parent_table_name", "_parent_index", "_submission__id", "_submission__uuid", "_submission__submission_time",
        "_submission__validation_status", "_submission__notes", "_submission__status", "_submission__submitted_by",
        "_submission___version__", "_submission__tags",
    ];

    /// <summary>One submission: consent answers, household answers and its roster (name, sex, age, relation, status, country, WG seeing, WG walking).</summary>
    private sealed record Answers(string Uuid, string? Adult, string? Proxy, string Pcode, string? Gps, string Dwelling, double? IncomeBefore,
        double? IncomeNow, string? Arrival, string Shocks, string Coping, string? Savings, string? Debt, object?[][] Members);

    private static readonly Answers[] s_rows =
    [
        new("3f1c0c52-0001-4a55-9a51-6f0c2d1e0001", "yes", null, "BD55490917", "25.8012 89.6523 21.4 4.8", "temporary", 9000, 4500, "2024-07-15",
            "flood erosion", "savings debt", "no", "yes",
            [["Rahima Khatun", "female", 34, "head", "idp", null, 1, 1], ["Karim Mia", "male", 12, "child", "idp", null, 1, 1],
             ["Sultana Begum", "female", 9, "child", "idp", null, 2, 1], ["Abdul Jalil", "male", 67, "parent", "idp", null, 3, 3]]),
        new("3f1c0c52-0002-4a55-9a51-6f0c2d1e0002", null, "yes", "BD55490917", "25.8044 89.6501 19.0 6.1", "semi_permanent", 12000, 8000, null,
            "cyclone", "", "yes", "no",
            [["Nurul Islam", "male", 41, "head", "returnee", "SAU", 1, 1], ["Josna Akter", "female", 36, "spouse", "non_migrant", null, 1, 2]]),
        new("3f1c0c52-0003-4a55-9a51-6f0c2d1e0003", "no", null, "", null, "", null, null, null, "", "", null, null, []),
        new("3f1c0c52-0004-4a55-9a51-6f0c2d1e0004", "yes", null, "BD55490959", "25.7921 89.6610 18.2 3.9", "permanent", 15000, 15000, null,
            "none", "", "yes", "no",
            [["Mofizul Haque", "male", 52, "head", "non_migrant", null, 1, 1], ["Rokeya Haque", "female", 47, "spouse", "non_migrant", null, 1, 1],
             ["Shila Haque", "female", 19, "child", "non_migrant", null, 1, 1], ["Rafiq Haque", "male", 16, "child", "non_migrant", null, 1, 1],
             ["Tania Haque", "female", 3, "child", "non_migrant", null, null, null]]),
        new("3f1c0c52-0005-4a55-9a51-6f0c2d1e0005", "yes", null, "BD55490917", "25.8003 89.6555 20.0 5.0", "temporary", 6000, 3000, "2025-01-20",
            "erosion", "debt", "no", "yes",
            [["Shahida Parvin", "female", 250, "head", "idp", null, 1, 1], ["Alamgir Hossain", "male", 8, "child", "idp", null, 1, 1]]),
        new("3f1c0c52-0006-4a55-9a51-6f0c2d1e0006", null, "yes", "BD99999999", "25.8100 89.6400 22.0 7.5", "permanent", 20000, 18000, null,
            "", "", "yes", "no",
            [["Harun Rashid", "male", 58, "head", "non_migrant", null, 1, 2]]),
        new("3f1c0c52-0007-4a55-9a51-6f0c2d1e0007", "yes", null, "BD55490959", "25.7950 89.6588 17.6 4.2", "semi_permanent", 10000, 7000, "2023-11-02",
            "flood", "savings", "yes", "no",
            [["Morjina Bibi", "female", 29, "head", "idp", null, 1, 1], ["Sabina Yasmin", "female", 6, "child", "idp", null, 1, 1],
             ["Ibrahim Ali", "male", 4, "child", "idp", null, null, null]]),
        new("3f1c0c52-0008-4a55-9a51-6f0c2d1e0008", null, "no", "", null, "", null, null, null, "", "", null, null, []),
        new("3f1c0c52-0009-4a55-9a51-6f0c2d1e0009", "yes", null, "BD55490917", "25.8021 89.6530 21.0 3.0", "temporary", 3000, 2500, null,
            "flood cyclone", "", "no", "no",
            [["Amena Khatun", "female", 71, "head", "non_migrant", null, 3, 4]]),
        new("3f1c0c52-0010-4a55-9a51-6f0c2d1e0010", "yes", null, "BD55490917", "25.8030 89.6519 20.5 4.4", "temporary", 7000, 6000, null,
            "erosion", "", "no", "no",
            [["Selina Akter", "female", 31, "spouse", "non_migrant", null, 1, 1], ["Rubel Mia", "male", 10, "child", "non_migrant", null, 1, 1]]),
        new("3f1c0c52-0011-4a55-9a51-6f0c2d1e0011", null, "yes", "BD55490959", "25.7933 89.6602 18.9 5.7", "permanent", 25000, 21000, null,
            "", "", "yes", "yes",
            [["Abul Kashem", "male", 45, "head", "returnee", "MYS", 1, 1], ["Hasina Begum", "female", 40, "spouse", "non_migrant", null, 1, 1],
             ["Jamal Uddin", "male", 22, "child", "emigrant", null, null, null], ["Kulsum Akter", "female", 17, "child", "non_migrant", null, 1, 1],
             ["Nasir Uddin", "male", 14, "child", "non_migrant", null, 1, 1], ["Rina Akter", "female", 11, "child", "non_migrant", null, 1, 1]]),
        new("3f1c0c52-0012-4a55-9a51-6f0c2d1e0012", "yes", null, "BD55490917", "25.8009 89.6548 21.8 4.0", "semi_permanent", 8000, 5000, "2024-08-30",
            "flood erosion cyclone", "savings debt", "no", "yes",
            [["Fatema Begum", "female", 38, "head", "idp", null, 1, 2], ["Sumaiya Akter", "female", 15, "child", "idp", null, 1, 1],
             ["Hasan Ali", "male", 13, "child", "idp", null, 1, 1]]),
    ];

    /// <summary>The household rows as cells, in sheet order.</summary>
    public static IEnumerable<object?[]> HouseholdRows()
    {
        for (var i = 0; i < s_rows.Length; i++)
        {
            var r = s_rows[i];
            var day = 3 + i;
            var start = $"2026-03-{day:00}T09:{10 + i:00}:03.512+06:00";
            var end = $"2026-03-{day:00}T09:{31 + i:00}:47.120+06:00";
            var gps = r.Gps?.Split(' ');
            var shocks = r.Shocks.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var coping = r.Coping.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var declined = r.Adult == "no" || r.Proxy == "no";
            object? Option(string[] chosen, string option) => declined ? null : chosen.Contains(option) ? 1 : 0;
            yield return
            [
                start, end, $"2026-03-{day:00}", $"collect:Xq{4710 + i}PbR2mK",
                r.Adult, r.Proxy,
                declined ? null : $"HH-{i + 1:000}", Empty(r.Pcode), r.Gps,
                gps is null ? null : double.Parse(gps[0], System.Globalization.CultureInfo.InvariantCulture),
                gps is null ? null : double.Parse(gps[1], System.Globalization.CultureInfo.InvariantCulture),
                gps is null ? null : double.Parse(gps[2], System.Globalization.CultureInfo.InvariantCulture),
                gps is null ? null : double.Parse(gps[3], System.Globalization.CultureInfo.InvariantCulture),
                Empty(r.Dwelling), r.IncomeBefore, r.IncomeNow, r.Arrival,
                Empty(r.Shocks), Option(shocks, "flood"), Option(shocks, "erosion"), Option(shocks, "cyclone"), Option(shocks, "none"),
                Empty(r.Coping), Option(coping, "savings"), Option(coping, "debt"), r.Savings, r.Debt,
                "uuid:" + r.Uuid,
                88_417_301 + i, r.Uuid, $"2026-03-{day:00}T03:{40 + i:00}:12", null, null, "submitted_via_web", "enum_rangpur_02", Version, null, i + 1,
            ];
        }
    }

    /// <summary>The member rows as cells, in sheet order (each household's roster together, as Kobo writes them).</summary>
    public static IEnumerable<object?[]> MemberRows()
    {
        var index = 0;
        for (var i = 0; i < s_rows.Length; i++)
        {
            foreach (var m in s_rows[i].Members)
            {
                index++;
                yield return
                [
                    .. m,
                    index, HouseholdSheet, i + 1, 88_417_301 + i, s_rows[i].Uuid, $"2026-03-{3 + i:00}T03:{40 + i:00}:12",
                    null, null, "submitted_via_web", "enum_rangpur_02", Version, null,
                ];
            }
        }
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    /// <summary>Writes the export with shared strings and numeric cells, as Kobo's XLSX exporter does.</summary>
    public static void Write(string path)
    {
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var strings = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        AddSheet(workbook, 1, HouseholdSheet, HouseholdHeaders, HouseholdRows(), strings, index);
        AddSheet(workbook, 2, MembersSheet, MemberHeaders, MemberRows(), strings, index);
        var shared = workbook.AddNewPart<SharedStringTablePart>();
        shared.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        workbook.Workbook.Save();
    }

    private static void AddSheet(WorkbookPart workbook, uint id, string name, string[] headers, IEnumerable<object?[]> rows,
        List<string> strings, Dictionary<string, int> index)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint number = 1;
        data.Append(RowOf(number++, headers.Cast<object?>().ToArray(), strings, index));
        foreach (var row in rows)
            data.Append(RowOf(number++, row, strings, index));
        part.Worksheet = new Worksheet(data);
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static DocumentFormat.OpenXml.Spreadsheet.Row RowOf(uint number, object?[] cells, List<string> strings, Dictionary<string, int> index)
    {
        var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = number };
        for (var c = 0; c < cells.Length; c++)
        {
            var reference = Column(c) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (cells[c])
            {
                case null:
                    continue; // Kobo leaves unanswered cells out
                case string s:
                    if (!index.TryGetValue(s, out var at))
                    {
                        at = strings.Count;
                        index.Add(s, at);
                        strings.Add(s);
                    }
                    row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(at) });
                    break;
                case int i:
                    row.Append(new Cell { CellReference = reference, CellValue = new CellValue(i) });
                    break;
                case double d:
                    row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d) });
                    break;
                default:
                    throw new ArgumentException($"unexpected cell {cells[c]}");
            }
        }
        return row;
    }

    private static string Column(int c) => c < 26 ? ((char)('A' + c)).ToString() : $"{(char)('A' + c / 26 - 1)}{(char)('A' + c % 26)}";
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HH = Mosaic.Core.Registry.Forms.StandardForm.Household;
using M = Mosaic.Core.Registry.Forms.StandardForm.Member;

namespace Mosaic.Core.Registry.Forms;

/// <summary>
/// The standard registration form as an XLSForm (sheets <c>survey</c>, <c>choices</c>, <c>settings</c>) that
/// KoboToolbox and ODK Central accept. Field names come from <see cref="StandardForm"/> and choice names from
/// <see cref="Codes"/>, so the form and the default import mapping cannot drift apart;
/// <c>forms/household-registration.xlsx</c> is this class's output (a test checks it is up to date).
/// </summary>
internal static class StandardFormXlsForm
{
    /// <summary>Form version written to the settings sheet; bump it when the form changes.</summary>
    public const string Version = "2026.2";

    private const string Consented = "${consent} = 'yes'";
    private const string Moved = "${mig_status} != 'non_migrant' and ${mig_status} != 'unknown'";

    /// <summary>Fields of the form that are not data of the registry: metadata, calculations and checks.</summary>
    public static IReadOnlyList<string> Helpers { get; } = ["start", "end", "deviceid", "is_head", "heads", "one_head"];

    /// <summary>Columns of the survey sheet.</summary>
    public static IReadOnlyList<string> SurveyColumns { get; } =
        ["type", "name", "label", "hint", "required", "relevant", "constraint", "constraint_message", "appearance", "calculation"];

    /// <summary>Rows of the survey sheet, without the header, in <see cref="SurveyColumns"/> order.</summary>
    public static IReadOnlyList<string[]> Survey { get; } =
    [
        // Metadata the collection app fills in itself: when the interview started and ended, and on which device.
        Q("start", "start", ""),
        Q("end", "end", ""),
        Q("deviceid", "deviceid", ""),
        Q("select_one yes_no", HH.Consent, "Does the household agree to be registered? (read the consent statement)", required: true),
        Q("text", HH.HouseholdCode, "Household code", relevant: Consented),
        Q("text", HH.AreaPcode, "P-code of the village or union where the household lives", required: true, relevant: Consented,
            hint: "The lowest area you know, e.g. BD55490917"),
        Q("geopoint", HH.Gps, "Location of the dwelling", relevant: Consented),
        Q("select_one dwelling", HH.Dwelling, "Type of dwelling", required: true, relevant: Consented),
        Q("integer", HH.IncomeBefore, "Monthly household income before the shock", relevant: Consented,
            constraint: ". >= 0", constraintMessage: "Must not be negative"),
        Q("integer", HH.IncomeNow, "Monthly household income now", relevant: Consented,
            constraint: ". >= 0", constraintMessage: "Must not be negative"),
        Q("select_one yes_no", HH.Remittances, "Does the household receive remittances?", required: true, relevant: Consented),
        Q("integer", HH.RemittanceAmount, "Remittances received per month", relevant: "${remittances} = 'yes'",
            constraint: ". >= 0", constraintMessage: "Must not be negative"),
        Q("select_one remittance_change", HH.RemittanceChange, "How have remittances changed since before the shock?",
            relevant: "${remittances} = 'yes'"),
        Q("select_one yes_no", HH.Debt, "Does the household have debts?", relevant: Consented),
        Q("select_one yes_no", HH.Savings, "Does the household have savings?", relevant: Consented),
        Q("select_one yes_no", HH.AssistanceReceived, "Has the household received assistance since the shock?", relevant: Consented),
        Q("select_multiple shocks", HH.Shocks, "Which shocks has the household experienced this year?", relevant: Consented,
            constraint: "not(selected(., 'none') and count-selected(.) > 1)", constraintMessage: "'None of these' cannot be chosen with a shock"),
        Q("begin_repeat", StandardForm.MembersRepeat, "Household members", relevant: Consented),
        Q("text", M.Name, "Name", required: true),
        Q("text", M.Phone, "Phone number", appearance: "numbers"),
        Q("select_one sex", M.Sex, "Sex", required: true),
        Q("integer", M.Age, "Age in completed years", required: true,
            constraint: ". >= 0 and . <= 120", constraintMessage: "Age must be between 0 and 120"),
        Q("select_one relation", M.Relation, "Relation to the head of household", required: true,
            hint: "Exactly one member is the head"),
        Q("calculate", "is_head", "", calculation: "if(${relation} = 'head', 1, 0)"),
        Q("select_one mig_status", M.MigratoryStatus, "Migratory status", required: true),
        Q("text", M.PreviousCountry, "Country of previous residence (ISO3 code, e.g. SAU)",
            relevant: "${mig_status} = 'returnee' or ${mig_status} = 'international_migrant' or ${mig_status} = 'refugee' or ${mig_status} = 'emigrant'",
            constraint: "regex(., '^[A-Z]{3}$')", constraintMessage: "Three capital letters, e.g. SAU"),
        Q("text", M.PreviousPcode, "P-code of the area of previous residence",
            relevant: "${mig_status} = 'idp' or ${mig_status} = 'idp_returnee' or ${mig_status} = 'internal_migrant'"),
        Q("date", M.MoveDate, "Date of arrival or return", relevant: Moved,
            constraint: ". <= today() and . >= date('1900-01-01')", constraintMessage: "The date cannot be in the future (or before 1900)"),
        Q("select_one move_reason", M.MoveReason, "Main reason for moving", relevant: Moved),
        Wg(M.WgSeeing, "Difficulty seeing, even if wearing glasses?"),
        Wg(M.WgHearing, "Difficulty hearing, even if using a hearing aid?"),
        Wg(M.WgWalking, "Difficulty walking or climbing steps?"),
        Wg(M.WgRemembering, "Difficulty remembering or concentrating?"),
        Wg(M.WgSelfCare, "Difficulty with self-care, such as washing all over or dressing?"),
        Wg(M.WgCommunicating, "Using your usual language, difficulty communicating, e.g. understanding or being understood?"),
        Q("select_one yes_no", M.InSchool, "Attending school or training now?", relevant: "${age} >= 5 and ${age} <= 24"),
        Q("select_one yes_no", M.EmployedBefore, "Employed before the shock?", relevant: "${age} >= 15"),
        Q("select_one yes_no", M.EmployedNow, "Employed now?", relevant: "${age} >= 15"),
        Q("end_repeat", "", ""),
        // Exactly one head: the roster cannot be finished until the relations say so.
        Q("calculate", "heads", "", calculation: "sum(${is_head})"),
        Q("acknowledge", "one_head", "This roster has ${heads} heads of household: exactly one member must be the head. Go back and correct the relations.",
            required: true, relevant: Consented + " and ${heads} != 1", constraint: "${heads} = 1", constraintMessage: "Exactly one member must be the head"),
    ];

    /// <summary>Rows of the choices sheet (<c>list_name, name, label</c>), without the header.</summary>
    public static IReadOnlyList<string[]> Choices { get; } = BuildChoices();

    /// <summary>The settings sheet: header and one row.</summary>
    public static IReadOnlyList<string[]> Settings { get; } =
    [
        ["form_title", "form_id", "version", "instance_name"],
        ["Mosaic household registration", "mosaic_household_registration", Version, "concat(${adm_pcode}, ' ', ${hh_id})"],
    ];

    /// <summary>The three sheets with their header rows, as written.</summary>
    public static IReadOnlyList<(string Sheet, IReadOnlyList<string[]> Rows)> Sheets() =>
    [
        ("survey", [[.. SurveyColumns], .. Survey]),
        ("choices", [["list_name", "name", "label"], .. Choices]),
        ("settings", Settings),
    ];

    /// <summary>Writes the form as an XLSX file (inline strings, one sheet per XLSForm sheet).</summary>
    public static void Write(string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheets = new Sheets();
        workbookPart.Workbook = new Workbook(sheets);
        uint id = 1;
        foreach (var (name, rows) in Sheets())
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            foreach (var row in rows)
            {
                var xmlRow = new Row { RowIndex = r };
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c].Length == 0)
                        continue;
                    xmlRow.Append(new Cell
                    {
                        CellReference = ColumnName(c) + r.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(row[c])),
                    });
                }
                data.Append(xmlRow);
                r++;
            }
            part.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = name });
        }
    }

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    private static string[] Q(string type, string name, string label, bool required = false, string relevant = "",
        string constraint = "", string constraintMessage = "", string hint = "", string appearance = "", string calculation = "") =>
        [type, name, label, hint, required ? "yes" : "", relevant, constraint, constraintMessage, appearance, calculation];

    // WG-SS applies from age 5 (Washington Group guidance), so the form does not ask younger children; an emigrant
    // is not there to answer, and a proxy's guess about someone abroad is not a WG-SS answer.
    private static string[] Wg(string name, string label) =>
        Q("select_one wg", name, label, required: true, relevant: "${age} >= 5 and ${mig_status} != 'emigrant'");

    private static List<string[]> BuildChoices()
    {
        var rows = new List<string[]> { new[] { "yes_no", "yes", "Yes" }, new[] { "yes_no", "no", "No" } };
        foreach (var (value, code) in Codes.Sex.Entries)
        {
            // "unknown" is the registry's value for a missing answer, not something an enumerator picks.
            if (value != Sex.Unknown)
                rows.Add(["sex", code, Label(code)]);
        }
        Add(rows, "relation", Codes.Relation);
        Add(rows, "mig_status", Codes.MigratoryStatus);
        Add(rows, "dwelling", Codes.Dwelling);
        Add(rows, "remittance_change", Codes.RemittanceChange);
        Add(rows, "move_reason", Codes.MoveReason);
        Add(rows, "shocks", Codes.Shock);
        rows.Add(["shocks", Validation.FieldRules.NoShock, "None of these"]);
        string[] wg = ["No difficulty", "Some difficulty", "A lot of difficulty", "Cannot do at all"];
        for (var i = 0; i < wg.Length; i++)
            rows.Add(["wg", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), wg[i]]);
        return rows;
    }

    private static void Add<TEnum>(List<string[]> rows, string list, CodeList<TEnum> codes) where TEnum : struct, Enum
    {
        foreach (var (_, code) in codes.Entries)
            rows.Add([list, code, Label(code)]);
    }

    private static string Label(string code) => code switch
    {
        "idp" => "Internally displaced person (IDP)",
        "idp_returnee" => "Returned IDP",
        "returnee" => "Returned from abroad",
        "non_migrant" => "Non-migrant",
        "emigrant" => "Member now living abroad",
        "refugee" => "Refugee or asylum-seeker",
        "job_loss" => "Job loss",
        "semi_permanent" => "Semi-permanent",
        _ => char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' '),
    };
}

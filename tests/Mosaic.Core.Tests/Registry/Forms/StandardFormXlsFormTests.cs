using System.Runtime.CompilerServices;
using Mosaic.Core.Registry.Forms;
using Mosaic.Core.Registry.Import;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Registry.Forms;

public sealed class StandardFormXlsFormTests
{
    private static string CommittedForm([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "../../../../forms/household-registration.xlsx"));

    private static List<string[]> Rows(string path, int sheet)
    {
        using var workbook = XlsxWorkbook.Open(path);
        using var reader = workbook.OpenSheet(sheet);
        var rows = new List<string[]>();
        rows.Add([.. reader.Table.Headers]);
        var row = new SourceRow(reader.Table);
        while (reader.Read(row))
            rows.Add(Array.ConvertAll(row.Values, v => v ?? ""));
        return rows;
    }

    /// <summary>
    /// The committed XLSForm is exactly what the code generates. After changing the form, regenerate it with
    /// <c>MOSAIC_UPDATE_FORMS=1 dotnet test --project tests/Mosaic.Core.Tests</c>.
    /// </summary>
    [Fact]
    public void CommittedXlsForm_MatchesTheGeneratedForm()
    {
        var committed = CommittedForm();
        if (Environment.GetEnvironmentVariable("MOSAIC_UPDATE_FORMS") == "1")
            StandardFormXlsForm.Write(committed);
        using var dir = new TempDirectory();
        var generated = dir.File("form.xlsx");
        StandardFormXlsForm.Write(generated);

        using (var workbook = XlsxWorkbook.Open(committed))
            Assert.Equal(["survey", "choices", "settings"], workbook.SheetNames);
        for (var sheet = 0; sheet < 3; sheet++)
            Assert.Equal(Rows(generated, sheet), Rows(committed, sheet));
    }

    [Fact]
    public void FormFields_AreExactlyTheDefaultMappingsFieldNames()
    {
        var household = new List<string>();
        var members = new List<string>();
        var inRepeat = false;
        foreach (var row in StandardFormXlsForm.Survey)
        {
            if (row[0] == "begin_repeat")
                inRepeat = true;
            else if (row[0] == "end_repeat")
                inRepeat = false;
            else if (!StandardFormXlsForm.Helpers.Contains(row[1]))
                (inRepeat ? members : household).Add(row[1]);
        }
        // Fields Kobo/ODK add themselves (ids, row links, time) and the demo-only reference welfare are not questions.
        string[] automatic = ["_uuid", "_index", "_submission_time", "_parent_index", "ref_welfare"];
        Assert.Equal(RegistrationFields.Household.Select(f => f.Name).Except(automatic), household);
        Assert.Equal(RegistrationFields.Member.Select(f => f.Name).Except(automatic), members);
    }

    private static string[] Row(string name) => StandardFormXlsForm.Survey.Single(r => r[1] == name);

    private static string Cell(string name, string column) => Row(name)[StandardFormXlsForm.SurveyColumns.ToList().IndexOf(column)];

    [Fact]
    public void Form_StopsCommonErrorsAtCollection()
    {
        // start, end and deviceid are filled in by the app itself.
        Assert.Equal(["start", "end", "deviceid"], StandardFormXlsForm.Survey.Take(3).Select(r => r[0]));
        // Exactly one head: a required check after the roster that cannot be passed while the heads are not 1.
        Assert.Equal("if(${relation} = 'head', 1, 0)", Cell("is_head", "calculation"));
        Assert.Equal("sum(${is_head})", Cell("heads", "calculation"));
        Assert.Equal(("acknowledge", "yes", "${heads} = 1"), (Cell("one_head", "type"), Cell("one_head", "required"), Cell("one_head", "constraint")));
        Assert.EndsWith("${heads} != 1", Cell("one_head", "relevant"), StringComparison.Ordinal);
        var repeatEnd = StandardFormXlsForm.Survey.ToList().FindIndex(r => r[0] == "end_repeat");
        Assert.True(StandardFormXlsForm.Survey.ToList().FindIndex(r => r[1] == "one_head") > repeatEnd);
        // A move date in the future cannot be entered.
        Assert.Contains(". <= today()", Cell("move_date", "constraint"), StringComparison.Ordinal);
        // WG-SS is not asked of a member who lives abroad.
        foreach (var wg in new[] { "wg_seeing", "wg_hearing", "wg_walking", "wg_remembering", "wg_selfcare", "wg_communicating" })
            Assert.Equal("${age} >= 5 and ${mig_status} != 'emigrant'", Cell(wg, "relevant"));
        // "None of these" is a shock choice, never chosen with a shock.
        Assert.Contains(StandardFormXlsForm.Choices, c => c is ["shocks", "none", _]);
        Assert.Equal("not(selected(., 'none') and count-selected(.) > 1)", Cell("shocks", "constraint"));
    }

    [Fact]
    public void ChoiceLists_CoverEveryCodeTheImportAccepts()
    {
        var choices = StandardFormXlsForm.Choices;
        foreach (var row in StandardFormXlsForm.Survey)
        {
            if (!row[0].StartsWith("select_", StringComparison.Ordinal))
                continue;
            var list = row[0].Split(' ')[1];
            var field = RegistrationFields.Household.Concat(RegistrationFields.Member).Single(f => f.Name == row[1]);
            var names = choices.Where(c => c[0] == list).Select(c => c[1]).ToList();
            Assert.NotEmpty(names);
            Assert.All(names, n => Assert.Contains(n, field.Codes!));
        }
    }
}

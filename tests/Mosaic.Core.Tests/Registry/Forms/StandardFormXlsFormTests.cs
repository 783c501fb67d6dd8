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
            else
                (inRepeat ? members : household).Add(row[1]);
        }
        // Fields Kobo/ODK add themselves (ids, row links, time) and the demo-only reference welfare are not questions.
        string[] automatic = ["_uuid", "_index", "_submission_time", "_parent_index", "ref_welfare"];
        Assert.Equal(RegistrationFields.Household.Select(f => f.Name).Except(automatic), household);
        Assert.Equal(RegistrationFields.Member.Select(f => f.Name).Except(automatic), members);
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

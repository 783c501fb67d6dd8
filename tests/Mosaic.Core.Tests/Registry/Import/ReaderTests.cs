using System.Text;
using Mosaic.Core.Registry.Import;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Registry.Import;

public sealed class ReaderTests
{
    private static List<(long Row, string?[] Values)> ReadAll(IRowReader reader)
    {
        var rows = new List<(long, string?[])>();
        var row = new SourceRow(reader.Table);
        while (reader.Read(row))
            rows.Add((row.RowNumber, [.. row.Values]));
        return rows;
    }

    [Fact]
    public void Csv_SemicolonsAndBom_EmptyFieldsAreMissing()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("_index;grp/age;name\n1;34;\n2;;Amina\n")).ToArray();
        using var reader = new CsvRowReader(new MemoryStream(bytes), "kobo.csv", null, () => 0);
        Assert.Equal(["_index", "grp/age", "name"], reader.Table.Headers);
        var rows = ReadAll(reader);
        Assert.Equal(2, rows[0].Row);
        Assert.Equal(["1", "34", null], rows[0].Values);
        Assert.Equal(new string?[] { "2", null, "Amina" }, rows[1].Values);
        Assert.Equal(3, rows[1].Row);
    }

    [Fact]
    public void Xlsx_SharedInlineNumericAndSparseCells_AreReadByColumn()
    {
        using var dir = new TempDirectory();
        var path = dir.File("kobo.xlsx");
        XlsxTestFile.Write(path,
            ("household-registration", [["_index", "_uuid", "income_before"], [1, "uuid-1", 18000.5], [2, null, null], [], [3, "uuid-3", 0]]),
            ("members", [["_index", "_parent_index", "name"], [1, 1, "Rahim"]]));
        using var workbook = XlsxWorkbook.Open(path);
        Assert.Equal(["household-registration", "members"], workbook.SheetNames);
        using var reader = workbook.OpenSheet(0);
        var rows = ReadAll(reader);
        Assert.Equal(3, rows.Count);
        Assert.Equal([2L, 3L, 5L], rows.Select(r => r.Row)); // the blank row 4 is skipped; numbers stay the sheet's
        Assert.Equal(["1", "uuid-1", "18000.5"], rows[0].Values);
        Assert.Equal(["2", null, null], rows[1].Values);
        Assert.Equal(["3", "uuid-3", "0"], rows[2].Values);
    }

    [Fact]
    public void Xlsx_NotAWorkbook_IsAClearError()
    {
        using var dir = new TempDirectory();
        var path = dir.File("fake.xlsx");
        File.WriteAllText(path, "not a zip");
        var ex = Assert.Throws<InvalidDataException>(() => XlsxWorkbook.Open(path));
        Assert.Contains("fake.xlsx", ex.Message, StringComparison.Ordinal);
    }

    private static (List<(string Household, string[] Members)> Result, bool Unmatched) Join(string households, string members, JoinMode mode)
    {
        using var h = new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes(households)), "h.csv", null, () => 0);
        using var m = new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes(members)), "m.csv", null, () => 0);
        var reader = new SubmissionReader(h, m, 0, 1, mode);
        var result = new List<(string, string[])>();
        while (reader.Read(out var s))
        {
            var names = new string[s.MemberCount];
            for (var i = 0; i < names.Length; i++)
                names[i] = s.Member(i).Values[2]!;
            result.Add((s.Household.Values[0]!, names));
        }
        return (result, reader.HasUnmatchedMembers);
    }

    [Fact]
    public void Join_MembersInHouseholdOrder_MergesWithoutBuffering()
    {
        var (result, unmatched) = Join("_index\n1\n2\n3\n", "_index,_parent_index,name\n1,1,a\n2,1,b\n3,3,c\n", JoinMode.Merge);
        Assert.False(unmatched);
        Assert.Equal(["a", "b"], result[0].Members);
        Assert.Empty(result[1].Members);
        Assert.Equal(["c"], result[2].Members);
    }

    [Fact]
    public void Join_MembersOutOfOrder_MergeNoticesAndBufferedJoinsCorrectly()
    {
        const string households = "_index\n1\n2\n";
        const string members = "_index,_parent_index,name\n1,2,x\n2,1,a\n3,2,y\n";
        Assert.True(Join(households, members, JoinMode.Merge).Unmatched);
        var (result, _) = Join(households, members, JoinMode.Buffered);
        Assert.Equal(["a"], result[0].Members);
        Assert.Equal(["x", "y"], result[1].Members);
    }
}

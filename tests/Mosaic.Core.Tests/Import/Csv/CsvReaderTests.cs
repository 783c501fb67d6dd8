using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Tests.Import.Csv;

public sealed class CsvReaderTests
{
    private static List<string[]> ReadAll(string text, char? separator = null)
    {
        using var csv = new CsvReader(new StringReader(text), separator);
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add([.. csv.Fields]);
        return rows;
    }

    [Fact]
    public void Read_QuotedFieldsWithSeparatorsQuotesAndNewlines_AreKeptWhole()
    {
        var rows = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["x, y", "say \"hi\"", "line1\nline2"], rows[1]);
    }

    [Fact]
    public void Read_NulCharacterInACell_StopsNamingRowColumnAndLine()
    {
        using var csv = new CsvReader(new StringReader("id,name\n1,Amina\n2,Ra\0him\n"), "members.csv", null, CsvReadOptions.Default);
        Assert.True(csv.Read());
        Assert.True(csv.Read());
        var ex = Assert.Throws<InputFormatException>(() => csv.Read());
        Assert.Equal(InputProblem.Encoding, ex.Problem);
        Assert.Equal(("members.csv", 3L, "name"), (ex.Issue.File, ex.Issue.Row, ex.Issue.Column));
        Assert.Equal("Ra\uFFFDhim", ex.Issue.Value);
        Assert.Equal("line 3: a NUL character (byte 0) in the value: the file is damaged or not a text CSV export", ex.Issue.Reason);
    }

    [Fact]
    public void Read_SemicolonHeader_DetectsSemicolonSeparator()
    {
        var rows = ReadAll("name;age\nAmina;34\n");
        Assert.Equal(["Amina", "34"], rows[1]);
    }

    [Fact]
    public void Read_TracksPhysicalLineNumbersAcrossMultilineFields()
    {
        using var csv = new CsvReader(new StringReader("h1,h2\n\"a\nb\",c\nd,e\n"));
        csv.Read();
        csv.Read();
        Assert.Equal(2, csv.LineNumber);
        csv.Read();
        Assert.Equal(4, csv.LineNumber);
        Assert.Equal(3, csv.RecordNumber);
    }

    [Fact]
    public void Read_EmptyTrailingFieldsAndBlankLines_AreKept()
    {
        var rows = ReadAll("a,b,c\n1,,\n\n2,3,4");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "", ""], rows[1]);
        Assert.Equal(["2", "3", "4"], rows[2]);
    }

    [Fact]
    public void Read_FieldsLongerThanTheBuffer_AreReadWhole()
    {
        var big = new string('x', 200_000);
        var rows = ReadAll($"a,b\n{big},\"{big}\"\n");
        Assert.Equal(big, rows[1][0]);
        Assert.Equal(big, rows[1][1]);
    }
}

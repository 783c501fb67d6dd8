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

    [Fact]
    public void Read_EveryRowEndingWithASeparator_IsReadWithoutTheEmptyTail()
    {
        var rows = ReadAll("a,b,c\n1,2,3,\n4,,,\n");
        Assert.Equal(["1", "2", "3"], rows[1]);
        Assert.Equal(["4", "", ""], rows[2]);
    }

    [Fact]
    public void Read_OneRowWiderThanTheOthersWithAnEmptyTail_StopsAsAShiftedRow()
    {
        // "Jos,e" split by a stray separator: the row's last column was empty, so the shift leaves an empty tail.
        using var csv = new CsvReader(new StringReader("id,name,age,phone\n1,Amina,34,0171\n2,Jos,e,41,\n"), "people.csv", null, CsvReadOptions.Default);
        Assert.True(csv.Read());
        Assert.True(csv.Read());
        var ex = Assert.Throws<InputFormatException>(() => csv.Read());
        Assert.Equal(InputProblem.Structure, ex.Problem);
        Assert.Equal(("people.csv", 3L), (ex.Issue.File, ex.Issue.Row));
        Assert.StartsWith("line 3: the row has 5 fields where the header and the rows before it have 4 (the extra ones empty): " +
            "an unquoted value contains the separator ','", ex.Issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowsWithDifferentEmptyTails_StopAtTheOddOne()
    {
        using var csv = new CsvReader(new StringReader("a,b\n1,2,\n3,4,\n5,6,,\n"), "t.csv", null, CsvReadOptions.Default);
        for (var i = 0; i < 3; i++)
            Assert.True(csv.Read());
        var ex = Assert.Throws<InputFormatException>(() => csv.Read());
        Assert.Equal(4L, ex.Issue.Row);
        Assert.Contains("where the header has 2 and the rows before it 3", ex.Issue.Reason, StringComparison.Ordinal);
    }
}

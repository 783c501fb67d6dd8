using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Tests.Import.Csv;

public sealed class CsvWriterTests
{
    private static string Write(CsvWriteOptions options, params string?[][] rows)
    {
        var text = new StringWriter();
        using (var csv = new CsvWriter(text, options))
        {
            foreach (var row in rows)
                csv.WriteRow(row);
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void FormulaShapedText_GetsALeadingApostrophe(string value, string written)
    {
        Assert.Equal(written + "\n", Write(CsvWriteOptions.Default, [value]));
    }

    [Theory]
    [InlineData("-12")]
    [InlineData("-0.5")]
    [InlineData("+3")]
    [InlineData("-1e3")]
    [InlineData("#adm1+code")]
    [InlineData("Amina Begum")]
    [InlineData("a-b=c")]
    public void NumbersHxlTagsAndOrdinaryText_AreUnchanged(string value)
    {
        Assert.Equal(value + "\n", Write(CsvWriteOptions.Default, [value]));
    }

    [Fact]
    public void RawOptions_WriteEveryValueAsStored()
    {
        Assert.Equal("=1+1,@x\n", Write(CsvWriteOptions.Raw, ["=1+1", "@x"]));
    }

    [Fact]
    public void Fields_WithSeparatorsQuotesAndLineBreaks_AreQuotedAndReadBackWhole()
    {
        string?[] row = ["a,b", "say \"hi\"", "line1\nline2", null, "plain"];
        var text = Write(CsvWriteOptions.Default, ["h1", "h2", "h3", "h4", "h5"], row);
        using var reader = new CsvReader(new StringReader(text));
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal(["a,b", "say \"hi\"", "line1\nline2", "", "plain"], reader.Fields);
    }
}

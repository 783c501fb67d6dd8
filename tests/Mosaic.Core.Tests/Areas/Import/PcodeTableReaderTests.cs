using Mosaic.Core.Areas.Import;
using Mosaic.Core.Import;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Areas.Import;

public sealed class PcodeTableReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Write(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Read_RealGlobalTable_ReadsEveryRowWithItsParentAndAddsCountries()
    {
        var file = PcodeTableReader.Read(ImportSource.FromFile(TestData.GlobalPcodes));
        Assert.Empty(file.Issues);
        var byCode = file.Areas.ToDictionary(a => a.Area.Pcode, a => a.Area);
        // 33,363 data lines below the header and the HXL row, plus one level-0 area per country.
        var dataRows = File.ReadLines(TestData.GlobalPcodes).Count() - 2;
        var countries = byCode.Values.Count(a => a.Level == 0);
        Assert.Equal(dataRows + countries, byCode.Count);
        Assert.True(countries > 100);
        Assert.Equal("Kurigram", byCode["BD5549"].Name);
        Assert.Equal("BD55", byCode["BD5549"].ParentPcode);
        Assert.Equal("BGD", byCode["BD55"].ParentPcode);
        Assert.Equal(0, byCode["BGD"].Level);
        Assert.All(byCode.Values.Where(a => a.ParentPcode is not null), a => Assert.True(byCode.ContainsKey(a.ParentPcode!), a.Pcode));
    }

    [Fact]
    public void Read_WideCodAbLayout_BuildsTheChainOfParents()
    {
        var path = Write("wide.csv", "ADM0_EN,ADM0_PCODE,ADM1_EN,ADM1_PCODE,ADM2_EN,ADM2_PCODE\n" +
                                     "Bangladesh,BD,Rangpur,BD55,Kurigram,BD5549\nBangladesh,BD,Rangpur,BD55,Dinajpur,BD5527\n");
        var file = PcodeTableReader.Read(ImportSource.FromFile(path));
        Assert.Empty(file.Issues);
        var byCode = file.Areas.ToDictionary(a => a.Area.Pcode, a => a.Area);
        Assert.Equal(4, byCode.Count);
        Assert.Equal("BD55", byCode["BD5527"].ParentPcode);
        Assert.Equal(1, byCode["BD55"].Level);
    }

    [Fact]
    public void Read_WideLayoutWithNamesInTheCountrysLanguage_TakesThoseNames()
    {
        // Mozambique's COD-AB names areas in Portuguese only (ADMn_PT), beside a reference name and ids.
        var path = Write("moz.csv", "ADM2_ID,ADM2_PT,ADM2_PCODE,ADM2_REF,ADM1_PT,ADM1_PCODE,ADM0_EN,ADM0_PT,ADM0_PCODE\n" +
                                    "17,Cidade De Lichinga,MZ0101,Cidade de Lichinga,Niassa,MZ01,Mozambique,Moçambique,MZ\n");
        var file = PcodeTableReader.Read(ImportSource.FromFile(path));
        Assert.Empty(file.Issues);
        Assert.Empty(file.Warnings ?? []);
        var names = file.Areas.ToDictionary(a => a.Area.Pcode, a => a.Area.Name);
        Assert.Equal(("Cidade De Lichinga", "Niassa", "Mozambique"), (names["MZ0101"], names["MZ01"], names["MZ"]));
    }

    [Fact]
    public void Read_WideLayoutWithoutANameColumnForALevel_NamesThoseAreasByCode_AndWarnsOnce()
    {
        var path = Write("codes.csv", "ADM1_EN,ADM1_PCODE,ADM2_PCODE,ADM2_ID\nRangpur,BD55,BD5549,7\nRangpur,BD55,BD5527,8\n");
        var file = PcodeTableReader.Read(ImportSource.FromFile(path));
        Assert.Empty(file.Issues);
        var warning = Assert.Single(file.Warnings ?? []);
        Assert.Equal((1L, "ADM2_PCODE"), (warning.Row, warning.Column));
        Assert.StartsWith("warning: no name column for admin level 2", warning.Reason, StringComparison.Ordinal);
        Assert.Equal("BD5549", file.Areas.Single(a => a.Area.Pcode == "BD5549").Area.Name);
        Assert.Equal("Rangpur", file.Areas.Single(a => a.Area.Pcode == "BD55").Area.Name);
    }

    [Fact]
    public void Read_BadRows_AreReportedWithRowAndColumn()
    {
        var path = Write("bad.csv",
            "Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date\n" +
            "#country+code,#geo+admin_level,#adm+code,#adm+name,#adm+code+parent,#date+start\n" +
            "BGD,one,BD55,Rangpur,BGD,2020-11-13\n" +
            "BGD,2,,Kurigram,BD55,2020-11-13\n" +
            "BGD,2,BD5549,Kurigram,BD55,13/11/2020x\n");
        var issues = PcodeTableReader.Read(ImportSource.FromFile(path)).Issues;
        Assert.Equal(3, issues.Count);
        Assert.Equal((3L, "Admin Level"), (issues[0].Row, issues[0].Column));
        Assert.Equal((4L, "P-Code"), (issues[1].Row, issues[1].Column));
        Assert.Equal((5L, "Valid from date"), (issues[2].Row, issues[2].Column));
    }

    [Fact]
    public void Read_NotAPcodeTable_SaysWhichColumnsAreExpected()
    {
        var path = Write("other.csv", "a,b\n1,2\n");
        var issue = Assert.Single(PcodeTableReader.Read(ImportSource.FromFile(path)).Issues);
        Assert.Contains("P-Code", issue.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}

using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Core.Areas.Import;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Import;
using Mosaic.Core.Registry.Import;

namespace Mosaic.Core.Tests.Import;

/// <summary>
/// Importers read a name and a stream, never a path: what a server receives as an upload (bytes, or a stream that
/// cannot seek) imports as the same file on disk does, and every message names the file as the user named it.
/// </summary>
public sealed class ImportSourceTests
{
    [Fact]
    public void ATableGivenAsBytes_IsReadWithoutAFile_AndItsIssuesNameTheUploadedName()
    {
        var text = "Location,Admin Level,P-Code,Name,Parent P-Code\n" +
                   "BGD,1,BD55,Rangpur,BGD\n" +
                   "BGD,two,BD5549,Kurigram,BD55\n" +
                   "BGD,2,BD5527,Dinajpur,BD55\n";
        var read = PcodeTableReader.Read(ImportSource.FromBytes("districts from the field.csv", Encoding.UTF8.GetBytes(text)));

        var issue = Assert.Single(read.Issues);
        Assert.Equal(("districts from the field.csv", 3L, "Admin Level"), (issue.File, issue.Row, issue.Column));
        // Rangpur, Dinajpur and the country they name as parent.
        Assert.Equal(["BD55", "BD5527", "BGD"], read.Areas.Select(a => a.Area.Pcode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AWorkbookFromAStreamThatCannotSeek_OpensWithTheSheetsAndRowsTheFileHas()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "registrations", "kobo-reach-export.xlsx");
        var source = new ImportSource("kobo.xlsx", () => new ForwardOnlyStream(File.OpenRead(path)));

        using var workbook = XlsxWorkbook.Open(source);

        // Oracle: the OpenXml SDK over the file itself.
        using var document = SpreadsheetDocument.Open(path, false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(sheets.Select(s => s.Name!.Value!), workbook.SheetNames);
        var firstPart = (WorksheetPart)document.WorkbookPart.GetPartById(sheets[0].Id!.Value!);
        var rowsInFile = firstPart.Worksheet.Descendants<Row>().Count() - 1;
        using var sheet = workbook.OpenSheet(0);
        var row = new SourceRow(sheet.Table);
        var rows = 0;
        while (sheet.Read(row))
            rows++;
        Assert.Equal(rowsInFile, rows);
    }

    [Fact]
    public void AnOdkZipFromAStreamThatCannotSeek_StreamsBothEntries_NamedAsUploaded()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "registrations", "odk-central", "odk-central-export.zip");
        var source = new ImportSource("export from central.zip", () => new ForwardOnlyStream(File.OpenRead(path)));

        using var tables = RegistrationInput.Detect(source).Open(RegistrationMapping.Default);

        // Oracle: the archive's CSV entries, counted by lines (the export has no line breaks inside fields).
        using var zip = ZipFile.OpenRead(path);
        var lines = zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.FullName, e => CountLines(e));
        Assert.Equal("export from central.zip", tables.Households.Table.File);
        Assert.Equal("export from central.zip", tables.Members.Table.File);
        Assert.Equal(lines[tables.Households.Table.Sheet!] - 1, Count(tables.Households));
        Assert.Equal(lines[tables.Members.Table.Sheet!] - 1, Count(tables.Members));
    }

    [Fact]
    public void ACsvWithoutItsRoster_IsRefusedNamingTheFile_AndNoCommandLineOption()
    {
        var ex = Assert.Throws<RegistrationInputException>(() =>
            RegistrationInput.Detect(ImportSource.FromBytes("households.csv", "_uuid\nx\n"u8.ToArray())));
        Assert.StartsWith("households.csv", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Core.Application.RequestSetting.MembersFile, ex.Remedy);
    }

    private static int Count(IRowReader reader)
    {
        var row = new SourceRow(reader.Table);
        var n = 0;
        while (reader.Read(row))
            n++;
        return n;
    }

    private static int CountLines(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        var n = 0;
        while (reader.ReadLine() is { Length: > 0 })
            n++;
        return n;
    }

    [Fact]
    public void AMappingFromAStreamThatCannotSeek_LoadsAsTheFileDoes_AndItsProblemsNameTheUploadedName()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "registrations", "kobo-reach-mapping.json");
        var fromFile = RegistrationMapping.Load(ImportSource.FromFile(path));
        var uploaded = RegistrationMapping.Load(new ImportSource("our form.json", () => new ForwardOnlyStream(File.OpenRead(path))));
        Assert.Equal((fromFile.MembersSheet, fromFile.HasExplicitLink), (uploaded.MembersSheet, uploaded.HasExplicitLink));
        Assert.Equal(fromFile.MemberDefaults, uploaded.MemberDefaults);

        var ex = Assert.Throws<RegistrationMappingException>(() =>
            RegistrationMapping.Load(ImportSource.FromBytes("our form.json", Encoding.UTF8.GetBytes("""{ "extra": 1 }"""))));
        Assert.StartsWith("mapping file our form.json is not valid", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table.csv", "sex,value,suppressed\nfemale,10,false\nmale,,true\n_total,22,false\n")]
    [InlineData("table.json", """{"metadata":{"measure":"count"},"dimensions":[{"name":"sex"}],"rows":[{"sex":"female","value":10,"suppressed":false},{"sex":"male","value":null,"suppressed":true},{"sex":"_total","value":22,"suppressed":false}]}""")]
    public void APublishedTableFromAStreamThatCannotSeek_IsReadBack_NamedAsUploaded(string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var table = PublishedTableReader.Read(new ImportSource(name, () => new ForwardOnlyStream(new MemoryStream(bytes))));
        Assert.Equal(name, table.File);
        Assert.Equal(["sex"], table.Dimensions);
        // female, male and the total: one cell hidden, and the intruder's equation gives it back (22 - 10).
        Assert.Equal([false, true, false], table.Suppressed);
        var audit = table.Audit(5);
        Assert.False(audit.Passed);
    }

    /// <summary>A stream as an HTTP request body is: read forward once, no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

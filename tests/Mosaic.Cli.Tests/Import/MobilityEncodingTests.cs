using System.Text;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary><c>--encoding</c> on the mobility imports: a legacy-encoded file is refused by default and read right with it.</summary>
public sealed class MobilityEncodingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FlowsInWindows1252_AreRefusedAsUtf8_AndReadWithTheirAccentsWithEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = _dir.File("flows-1252.csv");
        File.WriteAllBytes(csv, Encoding.GetEncoding(1252).GetBytes(
            "point_code,point_name,point_type,point_countries,date,direction,total\n" +
            "BEN-FMP-01,Gare routière de Malanville,land_border,BEN NER,2024-09-01,in,12\n"));
        var db = TestDb.At(_dir.File("flows.db"));

        var plain = CliRun.Invoke("import", "flows", csv, "--db", db);
        Assert.Equal(ExitCodes.InputRejected, plain.ExitCode);
        Assert.Contains("--encoding", plain.Error, StringComparison.Ordinal);

        var run = CliRun.Invoke("import", "flows", csv, "--db", db, "--encoding", "windows-1252");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var store = TestDb.Open(db);
        Assert.Equal("Gare routière de Malanville", Assert.Single(await store.Mobility.ReadFlowPointsAsync(TestContext.Current.CancellationToken)).Name);
    }

    [Fact]
    public void DtmImport_TakesAnEncoding_AndRefusesAnUnknownOne()
    {
        var run = CliRun.Invoke("import", "dtm", TestData.Path("dtm", "hdx_hapi_idps_global.csv"), "--db", TestDb.At(_dir.File("dtm.db")),
            "--encoding", "klingon-8");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--encoding: unknown encoding 'klingon-8'", run.Error, StringComparison.Ordinal);
    }
}

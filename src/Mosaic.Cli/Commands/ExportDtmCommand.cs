using System.CommandLine;
using System.Text;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Mobility.Export;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic export dtm --format hxl</c>.</summary>
internal sealed class ExportDtmCommand : MosaicCommand
{
    private readonly Option<string> _format = new("--format")
    {
        Description = "Output format (hxl: the DTM/HDX CSV layout with its HXL tag row)",
        DefaultValueFactory = _ => "hxl",
    };

    private readonly Option<string?> _out = new("--out", "-o")
    {
        Description = "Output file (default: stdout; an existing file is replaced only with --force)",
        HelpName = "FILE",
    };

    private readonly Option<bool> _rawCsv = CommonOptions.RawCsv();

    private readonly Option<string?> _dataset = new("--dataset")
    {
        Description = "Only records of this dataset (dtm, hdx-hapi, demo, …); default: all",
        HelpName = "NAME",
    };

    public ExportDtmCommand() : base("dtm", """
        Export location assessments' IDP figures as the DTM data published on HDX: the same columns, HXL tags and
        value formats, so importing the output again gives the same records. Records in the order first imported.

        Examples:
          mosaic export dtm --format hxl --out dtm-hxl.csv
          mosaic export dtm --dataset demo > chilmari-dtm.csv
        """)
    {
        _format.AcceptOnlyFromAmong("hxl");
        Options.Add(_format);
        Options.Add(_out);
        Options.Add(ForceOption);
        Options.Add(_dataset);
        Options.Add(_rawCsv);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(_out);
        using var output = path is null ? null : BeginOutput(parse, console, path);
        using var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken);
        // The writer holds every record anyway (it looks at all of them for the layout before the first row).
        var records = await store.Mobility.ReadAssessmentsAsync(parse.GetValue(_dataset), cancellationToken).ToListAsync(cancellationToken);
        (int Written, int WithoutIdps) result;
        if (output is null)
        {
            result = DtmHxlWriter.Write(console.Out, records, CommonOptions.CsvOptions(parse.GetValue(_rawCsv)));
        }
        else
        {
            using (var writer = new StreamWriter(output.OpenWrite(), new UTF8Encoding(false)))
                result = DtmHxlWriter.Write(writer, records, CommonOptions.CsvOptions(parse.GetValue(_rawCsv)));
            output.Commit();
        }
        if (console.Json && path is not null)
            console.WriteJson(new DtmExportReport(path, result.Written, result.WithoutIdps));
        else if (path is not null)
            console.Info($"{result.Written} record(s) written to {path}");
        if (result.WithoutIdps > 0)
            console.Error.WriteLine($"{result.WithoutIdps} record(s) carry no IDP count and are not in the DTM layout (see mosaic mobility summary --format hxl)");
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Areas.Import;
using Mosaic.Core.Import;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic import areas FILE</c>.</summary>
internal sealed class ImportAreasCommand : MosaicCommand
{
    private readonly Argument<string> _file = new("FILE") { Description = "P-code table (.csv) or boundaries (.geojson)" };

    private readonly Option<string?> _pcodeProperty = new("--pcode-property")
    {
        Description = "GeoJSON property holding the P-code (default: the deepest ADMn_PCODE, else 'pcode')",
        HelpName = "NAME",
    };

    private readonly Option<bool> _skipInvalid = new("--skip-invalid")
    {
        Description = "Import the valid rows and report the rest (default: import nothing when any row is bad)",
    };

    private readonly Option<string?> _encoding = EncodingOption.Create();

    public ImportAreasCommand() : base("areas", """
        Import administrative areas: a COD-style P-code table (CSV; the HXL tag row and a BOM are fine; the
        global long layout or the wide ADM1_PCODE/ADM1_EN layout) or GeoJSON boundaries (Polygon/MultiPolygon).
        Re-importing the same file changes nothing. A country given by its ISO2 code (adm0_pcode CF) is read as the
        ISO3 area the database knows (CAF); what the file leaves out (parent, country code, a name that is only the
        P-code) never overwrites what is stored; renames and moves are written and reported as warnings. Boundaries
        must be WGS84 longitude/latitude. Bad rows (and warnings) go to FILE.errors.csv;
        warnings alone to FILE.warnings.csv; --errors names another file.

        Examples:
          mosaic import areas docs/examples/areas.csv
          mosaic import areas docs/examples/unions.geojson --pcode-property ADM4_PCODE
        """)
    {
        Arguments.Add(_file);
        Options.Add(_pcodeProperty);
        Options.Add(_skipInvalid);
        Options.Add(_encoding);
        Options.Add(ErrorsOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = RequireFile(parse.GetValue(_file));
        var reportTarget = ReportTarget(parse, path);
        var csv = EncodingOption.Resolve(parse.GetValue(_encoding));
        using var store = await OpenStoreAsync(parse, console, create: true, cancellationToken);
        var result = await console.WithStatusAsync("importing areas", () => AreaImporter.ImportAsync(store.Areas, ImportSource.FromFile(path),
            parse.GetValue(_pcodeProperty), parse.GetValue(_skipInvalid), csv, cancellationToken));
        var total = await store.Areas.CountAsync(cancellationToken);
        var all = ImportErrorFile.Combine(result.Issues, result.Warnings);
        var report = WriteImportReport(parse, console, path, reportTarget, result.Issues, result.Warnings);
        var c = result.Counts;
        if (console.Json)
        {
            console.WriteJson(new AreaImportReport
            {
                File = path,
                Committed = result.Committed,
                AreasInserted = c.Inserted,
                AreasUpdated = c.Updated,
                AreasUnchanged = c.Unchanged,
                RowsRejected = result.Issues.Count,
                Warnings = result.Warnings.Count,
                ErrorsFile = report is { WarningsOnly: false } ? report.Path : null,
                WarningsFile = report is { WarningsOnly: true } ? report.Path : null,
                AreasTotal = total,
            });
        }
        else
        {
            console.Info(result.Committed
                ? $"areas: {c.Inserted} inserted, {c.Updated} updated, {c.Unchanged} unchanged ({total} in the database)"
                : "nothing imported: the file has rejected rows (use --skip-invalid to import the valid ones)");
        }
        console.ReportIssues(all, report, $"{result.Issues.Count} rejected row(s), {result.Warnings.Count} warning(s)");
        return result.Issues.Count > 0 && !parse.GetValue(_skipInvalid) ? ExitCodes.InputRejected : ExitCodes.Success;
    }
}

using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic import flows FILE</c>.</summary>
internal sealed class ImportFlowsCommand : MosaicCommand
{
    private readonly Argument<string> _file = new("FILE") { Description = "Flow observations: CSV, or XLSX (first sheet)" };

    private readonly Option<string?> _encoding = EncodingOption.Create();

    private readonly Option<bool> _skipInvalid = new("--skip-invalid")
    {
        Description = "Import the valid rows and report the rest (default: import nothing when any row is bad)",
    };

    public ImportFlowsCommand() : base("flows", """
        Import flow monitoring points and daily observations (one row per group of travellers counted at a
        point: date, direction in/out, counts by sex × age m_0_4 … f_60plus and/or total, nationality, previous
        and next location, reason, transport, traveller type). A point is described (point_name, point_type,
        point_pcode, point_lat, point_lon, point_countries) on its first row. Rows are keyed by record_id (or
        _uuid), else by their content, so re-importing changes nothing. Format and codes: docs/user-guide/mobility.md;
        example: docs/examples/flows-example.csv.

        Examples:
          mosaic import flows docs/examples/flows-example.csv --db flows.db
          mosaic import flows docs/examples/flows-example.csv --db flows.db --skip-invalid --json
        """)
    {
        Arguments.Add(_file);
        Options.Add(_skipInvalid);
        Options.Add(_encoding);
        Options.Add(ErrorsOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = RequireFile(parse.GetValue(_file));
        var reportTarget = ReportTarget(parse, path);
        var skip = parse.GetValue(_skipInvalid);
        var csv = EncodingOption.Resolve(parse.GetValue(_encoding));
        using var store = await OpenStoreAsync(parse, console, create: true, cancellationToken);
        FlowImportResult result;
        try
        {
            result = await console.WithStatusAsync("importing flows", () => FlowImporter.ImportAsync(store.Mobility, ImportSource.FromFile(path),
                new DtmImportOptions { SkipInvalid = skip, Csv = csv }, cancellationToken));
        }
        catch (Exception ex) when (ex is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FileFormatException)
        {
            throw new CliException(ExitCodes.InputRejected, $"{path}: not a readable XLSX file ({ex.Message})");
        }
        var all = ImportErrorFile.Combine(result.Issues, result.Warnings);
        var report = WriteImportReport(parse, console, path, reportTarget, result.Issues, result.Warnings);
        var c = result.Counts;
        if (console.Json)
        {
            console.WriteJson(new FlowImportReport
            {
                File = path,
                Committed = result.Committed,
                Points = result.Points,
                PointsAdded = result.PointsAdded,
                PointsChanged = result.PointsChanged,
                PointsUnchanged = result.Committed ? result.Points - result.PointsAdded - result.PointsChanged : 0,
                ObservationsRead = result.ObservationsRead,
                Inserted = c.Inserted,
                Updated = c.Updated,
                Unchanged = c.Unchanged,
                RowsRejected = result.Issues.Count,
                Warnings = result.Warnings.Count,
                ErrorsFile = report is { WarningsOnly: false } ? report.Path : null,
                WarningsFile = report is { WarningsOnly: true } ? report.Path : null,
                ObservationsTotal = await store.Mobility.CountFlowObservationsAsync(cancellationToken),
            });
        }
        else
        {
            console.Info(result.Committed
                ? $"flows: {result.Points} point(s) ({result.PointsAdded} new, {result.PointsChanged} changed, " +
                  $"{result.Points - result.PointsAdded - result.PointsChanged} unchanged); " +
                  $"{c.Inserted} observations inserted, {c.Updated} updated, {c.Unchanged} unchanged"
                : "nothing imported: the file has rejected rows (use --skip-invalid to import the valid ones)");
        }
        console.ReportIssues(all, report, result.Warnings.Count > 0
            ? $"{result.Issues.Count} rejected row(s), {result.Warnings.Count} warning(s)"
            : $"{result.Issues.Count} rejected row(s)");
        return result.Issues.Count > 0 && !skip ? ExitCodes.InputRejected : ExitCodes.Success;
    }
}

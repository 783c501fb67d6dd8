using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Import;

namespace Mosaic.Cli.Commands;

/// <summary>
/// <c>mosaic privacy audit FILE</c>: the intruder's LP on a table Mosaic wrote — the smallest and largest value of
/// every suppressed cell that the published cells allow, knowing the table adds up and counts are never negative.
/// </summary>
internal sealed class PrivacyAuditCommand : MosaicCommand
{
    private readonly Argument<string> _file = new("FILE") { Description = "A table written by `mosaic tabulate` (CSV, HXL or JSON)" };

    private readonly Option<int?> _minCell = new("--min-cell")
    {
        Description = "K: the width every suppressed cell's interval must keep (default: the file's min_cell, else 5)",
        HelpName = "K",
    };

    public PrivacyAuditCommand() : base("audit", """
        Audit a published table as an intruder would: from every published cell, the fact that totals are sums of their
        cells and that counts are never negative, a linear programme gives the smallest and largest possible value of
        each suppressed cell. The table passes when every interval is at least K wide (no cell recomputed exactly, none
        narrowed below K). For shares, the numerator (share × denominator) and the denominator are both audited.
        Exit code 0 when the table passes, 1 when a cell is exposed.

        Examples:
          mosaic tabulate -i population --by adm4,sex,age_group --format csv --out population.csv
          mosaic privacy audit population.csv
          mosaic tabulate -i disability_prevalence --by adm4,sex --format json --out disability.json
          mosaic privacy audit disability.json --json
        """)
    {
        Arguments.Add(_file);
        Options.Add(_minCell);
    }

    protected override int Execute(ParseResult parse, CliConsole console)
    {
        var path = parse.GetValue(_file)!;
        if (!File.Exists(path))
            throw new CliException(ExitCodes.FileNotFound, $"{path}: file not found");
        PublishedTable table;
        AuditReport report;
        try
        {
            table = PublishedTableReader.Read(ImportSource.FromFile(path));
            var k = parse.GetValue(_minCell) ?? table.MinimumCellSize ?? DisclosureRule.DefaultMinimumContributors;
            if (table.Layers.Count == 0)
                throw new CliException(ExitCodes.Usage, $"{table.File}: a table of means is not additive, so a file alone gives an intruder no equations to solve; " +
                                                        "Mosaic audits the sums and counts behind it before writing it");
            report = table.Audit(k);
            var suppressed = table.Suppressed.Count(s => s);
            if (console.Json)
            {
                console.WriteJson(new TableAuditReport(table.File, table.Measure, table.Table.Size, suppressed, k, report.LinearProgrammes, report.Passed,
                    report.Narrow.Select(f => new ExposedCellReport(Describe(table, f.Cell), f.Layer, f.Min, Max(f.Max), Max(f.Width))).ToList()));
            }
            else
            {
                console.Info($"{table.File}: {table.Table.Size:N0} cells, {suppressed:N0} suppressed; {report.LinearProgrammes:N0} linear programmes (K = {k})");
                foreach (var f in report.Narrow.Take(50))
                    console.Info($"  exposed: {Describe(table, f.Cell)} ({f.Layer}) lies in [{Format(f.Min)}, {Format(f.Max)}], narrower than {k}");
                if (report.Narrow.Count > 50)
                    console.Info($"  … and {report.Narrow.Count - 50:N0} more");
                console.Info(report.Passed
                    ? $"passed: every suppressed cell's interval is at least {k} wide"
                    : $"FAILED: {report.Narrow.Select(f => f.Cell).Distinct().Count():N0} suppressed cell(s) can be narrowed below {k}");
            }
        }
        catch (Exception ex) when (ex is PublishedTableException or InvalidDataException)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message);
        }
        return report.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Describe(PublishedTable table, int cell)
    {
        var coords = new int[table.Table.Dimensions];
        table.Table.Coords(cell, coords);
        return string.Join(", ", table.Dimensions.Select((d, i) => $"{d}={(table.Table.IsTotal(i, coords[i]) ? "_total" : table.CategoryCodes[i][coords[i]])}"));
    }

    private static double? Max(double v) => double.IsPositiveInfinity(v) ? null : v;

    private static string Format(double v) => double.IsPositiveInfinity(v) ? "∞" : v.ToString("0.##", CultureInfo.InvariantCulture);
}

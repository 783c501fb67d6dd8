using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic mobility summary [--round R] [--compare R2] [--level admN]</c>.</summary>
internal sealed class MobilitySummaryCommand : MosaicCommand
{
    private readonly Option<int?> _round = new("--round") { Description = "Only this round (default: every round)", HelpName = "R" };

    private readonly Option<int?> _compare = new("--compare")
    {
        Description = "Compare with this round: change (absolute and %), locations new or not assessed, like-for-like change. " +
                      "Without --round, each operation's previous round",
        HelpName = "R2",
    };

    private readonly Option<string> _level = new("--level")
    {
        Description = "Break totals down by this admin level: adm0 (country, default), adm1, adm2, …",
        DefaultValueFactory = _ => "adm0",
        HelpName = "admN",
    };

    private readonly Option<bool> _rawCsv = CommonOptions.RawCsv();

    private readonly Option<string> _format = new("--format") { Description = "table, csv, hxl or json", DefaultValueFactory = _ => "table" };

    private readonly Option<string?> _dataset = new("--dataset") { Description = "Only this dataset (dtm, hdx-hapi, demo, …)", HelpName = "NAME" };

    private readonly Option<string?> _operation = new("--operation") { Description = "Only this DTM operation", HelpName = "NAME" };

    private readonly Option<DateOnly?> _split = DateOptions.Create("--split-date", "Flows: compare daily averages before this date with those from it on (e.g. a border closure)");

    private readonly Option<DateOnly?> _from = DateOptions.Create("--from", "Flows: first day considered");

    private readonly Option<DateOnly?> _to = DateOptions.Create("--to", "Flows: last day considered");

    public MobilitySummaryCommand() : base("summary", """
        DTM-style totals per round and population type by area level; change from the earlier to the later of
        two rounds, raw and like-for-like (locations assessed in both), with locations new or not assessed;
        round anomalies (a round at two dates, renumbered series); registered movers per area and month beside
        the key-informant estimates (two sources, never added together); and for each flow monitoring point:
        daily averages, net flow, reasons, traveller types, and before/after a date. Each series (dataset,
        operation, reporting level, assessment type) is kept apart: DTM publishes the same people at admin 0,
        1 and 2, and baseline (BA) and site (SA) assessments of one round count largely the same people.

        Examples:
          mosaic mobility summary
          mosaic mobility summary --round 2 --compare 3 --level adm4
          mosaic mobility summary --split-date 2026-06-20 --format csv > flows.csv
        """)
    {
        _format.AcceptOnlyFromAmong("table", "csv", "hxl", "json");
        Options.Add(_round);
        Options.Add(_compare);
        Options.Add(_level);
        Options.Add(_format);
        Options.Add(_rawCsv);
        Options.Add(_dataset);
        Options.Add(_operation);
        Options.Add(_split);
        Options.Add(_from);
        Options.Add(_to);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var levelText = parse.GetValue(_level) ?? "adm0";
        if (!levelText.StartsWith("adm", StringComparison.OrdinalIgnoreCase) ||
            !int.TryParse(levelText.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level > 10)
            throw new CliException(ExitCodes.Usage, $"--level must be adm0, adm1, adm2, … (got '{levelText}')");
        var options = new SummaryOptions(parse.GetValue(_round), parse.GetValue(_compare), level, parse.GetValue(_split), parse.GetValue(_from), parse.GetValue(_to))
        {
            Dataset = parse.GetValue(_dataset),
            Operation = parse.GetValue(_operation),
        };
        if (options.From is { } from && options.To is { } to && from > to)
            throw new CliException(ExitCodes.Usage, $"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}");
        using var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken);
        var report = await MobilitySummary.RunAsync(store, options, cancellationToken);
        if (options.From is not null || options.To is not null)
            await RequirePeriodInsideFlowsAsync(options, store.Mobility, cancellationToken);
        if (options.SplitDate is { } split)
            RequireSplitInsideFlows(split, report);
        var format = console.Json ? "json" : parse.GetValue(_format);
        switch (format)
        {
            case "json":
                console.WriteJson(MobilitySummaryReport.Of(report));
                break;
            case "csv":
            case "hxl":
                SummaryTable.Write(console.Out, report, hxl: format == "hxl", CommonOptions.CsvOptions(parse.GetValue(_rawCsv)));
                break;
            default:
                SummaryText.Write(console.Out, report);
                break;
        }
        return ExitCodes.Success;
    }

    // --from/--to select flow days: a period with no observation prints no flows at all, which reads as "no crossings".
    private static async Task RequirePeriodInsideFlowsAsync(SummaryOptions options, Mosaic.Core.Storage.IMobilityStore mobility, CancellationToken cancellationToken)
    {
        var period = (options.From, options.To) switch
        {
            ({ } f, { } t) => $"--from {f:yyyy-MM-dd} --to {t:yyyy-MM-dd}",
            ({ } f, null) => $"--from {f:yyyy-MM-dd}",
            (null, { } t) => $"--to {t:yyyy-MM-dd}",
            _ => "",
        };
        var days = await mobility.ReadFlowDailyTotalsAsync(cancellationToken: cancellationToken);
        if (days.Count == 0)
            throw new CliException(ExitCodes.Usage, $"{period}: there are no flow observations (import them with mosaic import flows)");
        var first = days.Min(d => d.Date);
        var last = days.Max(d => d.Date);
        if ((options.From ?? first) <= last && (options.To ?? last) >= first)
            return;
        throw new CliException(ExitCodes.Usage,
            $"{period} is outside the flow observations ({first:yyyy-MM-dd} to {last:yyyy-MM-dd}): choose days within them");
    }

    // A split date outside every point's observed period compares a period with nothing: say so, do not print zeros.
    private static void RequireSplitInsideFlows(DateOnly split, SummaryReport report)
    {
        if (report.Flows.Count == 0)
            throw new CliException(ExitCodes.Usage, $"--split-date {split:yyyy-MM-dd}: there are no flow observations to split (import them with mosaic import flows)");
        if (report.Flows.Any(f => f.Split is { DaysBefore: > 0, DaysAfter: > 0 }))
            return;
        var first = report.Flows.Min(f => f.First);
        var last = report.Flows.Max(f => f.Last);
        throw new CliException(ExitCodes.Usage,
            $"--split-date {split:yyyy-MM-dd} is outside the flow observations ({first:yyyy-MM-dd} to {last:yyyy-MM-dd}): " +
            "choose a day after the first observed day and on or before the last");
    }
}

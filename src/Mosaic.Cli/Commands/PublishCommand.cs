using System.CommandLine;
using System.Text;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Indicators.Expressions;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Tabulation.Output;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic publish PUBLICATION.json --out DIR</c>: several tables protected as one set.</summary>
internal sealed class PublishCommand : MosaicCommand
{
    private static readonly string[] s_formats = ["csv", "hxl", "json", "xlsx"];

    private readonly Argument<string> _file = new("PUBLICATION") { Description = "A JSON list of tables: indicator, by, and optionally name, area, age_bands" };

    private readonly Option<string> _out = new("--out", "-o")
    {
        Description = "Directory for the tables (created if missing); each table is written to DIR/NAME.FORMAT",
        HelpName = "DIR",
        Required = true,
    };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "csv, hxl, json or xlsx",
        DefaultValueFactory = _ => "csv",
    };

    private readonly Option<int> _minCell = new("--min-cell")
    {
        Description = $"K for every table (at least {DisclosureFloor.MinimumContributors})",
        HelpName = "K",
        DefaultValueFactory = _ => DisclosureRule.DefaultMinimumContributors,
    };

    private readonly Option<string> _secondary = new("--secondary")
    {
        Description = "Secondary suppression of each table before they are linked: hypercube (fast) or optimal (mixed-integer, never more cells than hypercube, within --time-limit)",
        DefaultValueFactory = _ => "hypercube",
    };

    private readonly Option<int> _timeLimit = TimeLimitOption.Create();

    private readonly Option<int> _minHouseholds = new("--min-households")
    {
        Description = "Household rule for person indicators (0 = off)",
        HelpName = "N",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<string?> _catalogue = CatalogueOption.Create();

    private readonly Option<bool> _publicationLog = PublicationLogOption.Create();

    public PublishCommand() : base("publish", """
        Tabulate the tables of a publication and protect them as one set: tables of the same indicator that share cells
        or margins (by village and sex, and by village and age; two groupings of the base age bands; a table and its
        subtotals) are suppressed together, so that an intruder who combines every published cell of every table with a
        linear programme narrows no suppressed cell below K, and no group of fewer than K persons (e.g. one base age band
        that two groupings differ by). Tables published separately with `mosaic tabulate` are protected one by one:
        publish tables that go out together in one publication. With --publication-log, the tables are also protected
        against every table published earlier with that option from the same database, and are logged in turn.

        Examples:
          mosaic publish docs/examples/publication.json --out village-tables
          mosaic publish docs/examples/publication.json --out village-tables --format json --force
          mosaic publish docs/examples/publication.json --out village-tables --publication-log --force
        """)
    {
        Arguments.Add(_file);
        Options.Add(_out);
        Options.Add(_format);
        Options.Add(_minCell);
        Options.Add(_minHouseholds);
        Options.Add(_secondary);
        Options.Add(_timeLimit);
        Options.Add(ForceOption);
        Options.Add(_catalogue);
        Options.Add(_publicationLog);
        _format.AcceptOnlyFromAmong(s_formats);
        _secondary.AcceptOnlyFromAmong("hypercube", "optimal");
        _minCell.Validators.Add(r =>
        {
            var k = r.GetValueOrDefault<int>();
            if (k < DisclosureFloor.MinimumContributors)
                r.AddError($"--min-cell {k} is below the floor of {DisclosureFloor.MinimumContributors} contributors");
        });
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = RequireFile(parse.GetValue(_file));
        var format = parse.GetValue(_format)!;
        var directory = parse.GetValue(_out)!;
        var catalogue = CatalogueOption.Load(parse.GetValue(_catalogue));
        IReadOnlyList<PublicationTable> tables;
        IReadOnlyList<TabulationResult> results;
        try
        {
            tables = PublicationFile.Read(path);
        }
        catch (TabulationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
        var files = tables.Select(t => Path.Combine(directory, $"{t.Name}.{(format == "hxl" ? "csv" : format)}")).ToList();
        var force = parse.GetValue(ForceOption);
        var existing = files.FirstOrDefault(File.Exists);
        if (existing is not null && !force)
            throw new CliException(ExitCodes.Usage, $"{existing} already exists: use --force to replace the publication's files");
        using (var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken))
        {
            if (await store.Registry.CountHouseholdsAsync(cancellationToken: cancellationToken) == 0)
                throw new CliException(ExitCodes.InputRejected, $"the registry in {store.Description} holds no households yet: import them first, or build the demo with mosaic demo");
            try
            {
                // Read first with the built-in bands (so a bad file fails before any database is opened), again with the database's.
                if (await AgeBandPolicies.ReadAsync(store, cancellationToken) is { Configured: true } policy)
                    tables = PublicationFile.Read(path, policy);
                var requests = tables.Select(t => t.Request with
                {
                    MinimumCellSize = parse.GetValue(_minCell),
                    MinimumHouseholds = parse.GetValue(_minHouseholds),
                    Secondary = parse.GetValue(_secondary) == "optimal" ? SecondaryMethod.Optimal : SecondaryMethod.Hypercube,
                    OptimalTimeLimit = TimeSpan.FromSeconds(parse.GetValue(_timeLimit)),
                }).ToList();
                var log = parse.GetValue(_publicationLog) ? PublicationLogOption.Open(store) : null;
                var logged = log is null ? null : await log.ReadPublicationsAsync(cancellationToken);
                results = await SnapshotReading.UseAsync(console, store,
                    snapshot => new Tabulator(snapshot, catalogue).TabulatePublication(requests, logged), cancellationToken);
                // Logged before the files are written: a table logged but not written only constrains later tables more.
                if (log is not null)
                {
                    await PublicationLogOption.RecordAsync(log, results, requests, cancellationToken);
                    PublicationLogOption.Warn(console, results);
                }
            }
            catch (Exception ex) when (ex is TabulationException or IndicatorCatalogueException or ExpressionException)
            {
                throw new CliException(ExitCodes.Usage, $"{path}: {ex.Message}");
            }
        }
        Directory.CreateDirectory(directory);
        for (var i = 0; i < results.Count; i++)
            Write(parse, console, files[i], format, results[i]);
        if (console.Json)
        {
            console.WriteJson(new PublicationReport(path, directory, format, results.Select((r, i) => new PublishedTableReport(
                tables[i].Name, files[i], r.Indicator.Id, r.Dimensions.Select(d => d.Name).ToList(), r.LinkedTables, r.EarlierTables, r.Cells.Count,
                r.InformationLoss.SuppressedCells, Math.Round(r.InformationLoss.CellShare, 4))).ToList()));
            return ExitCodes.Success;
        }
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var linked = r.LinkedTables > 0 ? $", protected with {r.LinkedTables} other table(s) of {r.LinkedIndicators}" : "";
            console.Info($"{files[i]}: {r.Cells.Count} cells; {r.InformationLoss.Describe(r.Rule.ContributorUnit)}{linked}{PublicationLogOption.Describe(r)}");
        }
        return ExitCodes.Success;
    }

    private void Write(ParseResult parse, CliConsole console, string file, string format, TabulationResult result)
    {
        using var output = BeginOutput(parse, console, file);
        using (var stream = output.OpenWrite())
        {
            switch (format)
            {
                case "xlsx":
                    XlsxTableWriter.Write(result, stream);
                    break;
                case "json":
                    JsonTableWriter.Write(result, stream);
                    break;
                default:
                    using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                        CsvTableWriter.Write(result, writer, hxl: format == "hxl", CommonOptions.CsvOptions(false));
                    break;
            }
        }
        output.Commit();
    }
}

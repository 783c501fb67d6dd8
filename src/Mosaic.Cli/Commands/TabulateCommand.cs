using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Indicators.Expressions;
using Mosaic.Core.Tabulation;
using Mosaic.Core.Tabulation.Output;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic tabulate --indicator ID --by DIMS …</c>: a disaggregated table with disclosure control.</summary>
internal sealed class TabulateCommand : MosaicCommand
{
    private static readonly string[] s_formats = ["table", "csv", "hxl", "json", "xlsx"];

    private readonly Option<string> _indicator = new("--indicator", "-i")
    {
        Description = "Indicator id (see `mosaic indicators list`)",
        HelpName = "ID",
        Required = true,
    };

    private readonly Option<string[]> _by = new("--by")
    {
        Description = "Dimensions, comma-separated: adm1..adm4, village, area, migratory_status, sex, age_group, disability, head_sex, or any categorical field",
        HelpName = "DIMS",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _area = new("--area")
    {
        Description = "Only households in this area (P-code) or below it",
        HelpName = "PCODE",
    };

    private readonly Option<int> _minCell = new("--min-cell")
    {
        Description = $"K: cells with fewer than K contributors are suppressed, with secondary suppression to protect them (at least {DisclosureFloor.MinimumContributors})",
        HelpName = "K",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<string> _method = new("--method")
    {
        Description = "Disclosure-control method: suppression (the default: exact, additive tables for publication) or perturbation " +
                      "(cell-key noise, as for free-form queries: every count gives or takes a few, the same cell always the same value, " +
                      "no count of 1-2; counts and shares only)",
        DefaultValueFactory = _ => "suppression",
    };

    private readonly Option<string> _secondary = new("--secondary")
    {
        Description = "Secondary suppression: hypercube (fast) or optimal (mixed-integer, fewest cells, never more than hypercube; stops after --time-limit with the best safe pattern found, and says so)",
        DefaultValueFactory = _ => "hypercube",
    };

    private readonly Option<int> _timeLimit = TimeLimitOption.Create();

    private readonly Option<int> _minHouseholds = new("--min-households")
    {
        Description = "Household rule for person indicators: a cell's persons must come from at least N households (0 = off)",
        HelpName = "N",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "table (terminal), csv, hxl (csv with an HXL tag row), json or xlsx",
        DefaultValueFactory = _ => "table",
    };

    private readonly Option<string?> _ageBands = new("--age-bands")
    {
        Description = "Age groups for age_group, e.g. 0-4,5-17,18-59,60+ (the default); with suppression they must group the base bands " +
                      "0-4,5-9,10-14,15-17,18-19,20-24,…,85+ (from 0, no gaps, open last band)",
        HelpName = "BANDS",
    };

    private readonly Option<string?> _out = new("--out", "-o")
    {
        Description = "Write the table to FILE (required for xlsx; an existing FILE only with --force); a one-line summary goes to stdout",
        HelpName = "FILE",
    };

    private readonly Option<string> _engine = new("--engine")
    {
        Description = "Where the cells are counted: auto (in the database when the store can count the request, as PostgreSQL can; " +
                      "else in memory), memory (Mosaic's columnar engine over the whole registry) or database (an error when the store " +
                      "cannot count it). Totals and disclosure control always run in Mosaic; the table is the same",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string?> _catalogue = CatalogueOption.Create();

    private readonly Option<bool> _rawCsv = CommonOptions.RawCsv();

    private readonly Option<bool> _publicationLog = PublicationLogOption.Create();

    public TabulateCommand() : base("tabulate", """
        Compute an indicator disaggregated by any set of dimensions, with disclosure control.
        Every dimension gets its total and subtotals. Disclosure control: cells with fewer than K contributors (persons or households, per the indicator)
        are suppressed, and further cells are suppressed so that none can be recomputed from the totals.
        Suppressed cells are marked (· in the table, suppressed=true in files); the rule is stated in the output.

        Examples:
          mosaic tabulate --indicator population --by adm4,migratory_status,sex
          mosaic tabulate -i returnees --by sex,age_group --area BD554909 --format hxl --out returnees.csv
          mosaic tabulate -i hh_income_fell_20pct --by adm4,head_sex --format xlsx --out income.xlsx
          mosaic tabulate -i population --by adm4,migratory_status,sex,age_group --method perturbation
          mosaic tabulate -i population --by village,sex,age_group --age-bands 0-79,80+ --publication-log --format csv --out first.csv
        """)
    {
        Options.Add(_indicator);
        Options.Add(_by);
        Options.Add(_area);
        Options.Add(_minCell);
        Options.Add(_minHouseholds);
        Options.Add(_method);
        Options.Add(_secondary);
        Options.Add(_timeLimit);
        Options.Add(_format);
        Options.Add(_ageBands);
        Options.Add(_out);
        Options.Add(_engine);
        Options.Add(ForceOption);
        Options.Add(_catalogue);
        Options.Add(_rawCsv);
        Options.Add(_publicationLog);
        _format.AcceptOnlyFromAmong(s_formats);
        _minCell.Validators.Add(r =>
        {
            var k = r.GetValueOrDefault<int>();
            if (k < DisclosureFloor.MinimumContributors)
            {
                r.AddError($"--min-cell {k} is below the floor of {DisclosureFloor.MinimumContributors} contributors: smaller cells " +
                           $"could identify people, so disclosure control cannot be switched off (default {DisclosureRule.DefaultMinimumContributors})");
            }
        });
        _method.AcceptOnlyFromAmong([.. Enum.GetNames<DisclosureMethod>().Select(n => n.ToLowerInvariant())]);
        _secondary.AcceptOnlyFromAmong("hypercube", "optimal");
        _engine.AcceptOnlyFromAmong("auto", "memory", "database");
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_format)!;
        var outPath = parse.GetValue(_out);
        if (format == "xlsx" && outPath is null)
            throw new CliException(ExitCodes.Usage, "--format xlsx needs --out FILE.xlsx");
        var catalogue = CatalogueOption.Load(parse.GetValue(_catalogue));
        var by = SnapshotReading.Names(parse.GetValue(_by));
        TabulationResult result;
        var clock = Stopwatch.StartNew();
        using var output = outPath is null ? null : BeginOutput(parse, console, outPath);
        using (var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken))
        {
            if (!await store.Registry.HasHouseholdsAsync(cancellationToken))
            {
                throw new CliException(ExitCodes.InputRejected,
                    $"the registry in {store.Description} holds no households yet: import them first " +
                    "(mosaic import areas FILE, then mosaic import registrations FILE; mosaic score adds the hazard and vulnerability " +
                    "fields), or build the demo with mosaic demo");
            }
            try
            {
                var ageBands = await AgeBandPolicies.ReadAsync(store, cancellationToken);
                var request = new TabulationRequest(parse.GetValue(_indicator)!, by)
                {
                    AreaPcode = parse.GetValue(_area),
                    MinimumCellSize = parse.GetValue(_minCell),
                    MinimumHouseholds = parse.GetValue(_minHouseholds),
                    Method = Enum.Parse<DisclosureMethod>(parse.GetValue(_method)!, ignoreCase: true),
                    Secondary = parse.GetValue(_secondary) == "optimal" ? SecondaryMethod.Optimal : SecondaryMethod.Hypercube,
                    OptimalTimeLimit = TimeSpan.FromSeconds(parse.GetValue(_timeLimit)),
                    AgeBands = ageBands.Resolve(parse.GetValue(_ageBands)),
                    BaseAgeBands = ageBands.Base,
                };
                result = parse.GetValue(_publicationLog)
                    ? await LoggedAsync(parse.GetValue(_engine)!, console, store, catalogue, request, cancellationToken)
                    : await CountAsync(parse.GetValue(_engine)!, console, store, catalogue, request, cancellationToken);
            }
            catch (Exception ex) when (ex is TabulationException or IndicatorCatalogueException or ExpressionException)
            {
                throw new CliException(ExitCodes.Usage, ex.Message + (ex is TabulationException t ? InputHints.For(t.Remedy) : ""));
            }
        }

        if (output is null)
        {
            // --json always prints JSON: without --out, the table itself in its JSON form.
            console.WriteResult(o => Render(result, console.Json ? "json" : format, o, CommonOptions.CsvOptions(parse.GetValue(_rawCsv))));
            return ExitCodes.Success;
        }
        using (var file = output.OpenWrite())
        {
            if (format == "xlsx")
            {
                XlsxTableWriter.Write(result, file);
            }
            else
            {
                using var writer = new StreamWriter(file, new UTF8Encoding(false));
                Render(result, format, writer, CommonOptions.CsvOptions(parse.GetValue(_rawCsv)));
            }
        }
        output.Commit();
        if (output.Replaced)
            console.Error.WriteLine($"replaced the existing {outPath} (--force)");
        if (console.Json)
        {
            console.WriteJson(new TabulationReport
            {
                Indicator = result.Indicator.Id,
                By = by,
                File = outPath,
                Format = format,
                Method = result.Method == DisclosureMethod.Perturbation ? "perturbation" : "suppression",
                Cells = result.Cells.Count,
                SuppressedCells = result.InformationLoss.SuppressedCells,
                SuppressedCellsShare = Math.Round(result.InformationLoss.CellShare, 4),
                HiddenUnitsShare = result.InformationLoss.HiddenShare is { } h ? Math.Round(h, 4) : (double?)null,
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                EarlierTables = result.EarlierTables,
            });
        }
        else if (result.Method == DisclosureMethod.Perturbation)
        {
            console.Info($"{result.Cells.Count} cells written to {outPath}; values perturbed by the cell-key method");
        }
        else
        {
            console.Info($"{result.Cells.Count} cells written to {outPath}; {result.InformationLoss.Describe(result.Rule.ContributorUnit)}{PublicationLogOption.Describe(result)}");
        }
        return ExitCodes.Success;
    }

    /// <summary>The table counted where <paramref name="engine"/> says: by the store (pushdown) or over the snapshot in memory.</summary>
    private static async Task<TabulationResult> CountAsync(string engine, CliConsole console, Mosaic.Core.Storage.IMosaicStore store,
        IndicatorCatalogue catalogue, TabulationRequest request, CancellationToken cancellationToken)
    {
        if (engine != "memory")
        {
            var counted = await console.WithStatusAsync("counting in the database",
                () => PushdownTabulator.TryTabulateAsync(store, catalogue, request, cancellationToken));
            if (counted is not null)
                return counted;
            if (engine == "database")
            {
                throw new CliException(ExitCodes.Usage,
                    $"--engine database: {store.Description} cannot count this table itself (only PostgreSQL counts in the database, " +
                    "and not with --min-households or --method perturbation): use --engine auto or memory");
            }
        }
        return await SnapshotReading.UseAsync(console, store, snapshot => new Tabulator(snapshot, catalogue).Tabulate(request), cancellationToken);
    }

    /// <summary>
    /// The table protected against the tables logged earlier (in memory: linking needs every atom), then logged. Logged
    /// before it is written: a table logged but not written only constrains later tables more.
    /// </summary>
    private static async Task<TabulationResult> LoggedAsync(string engine, CliConsole console, Mosaic.Core.Storage.IMosaicStore store,
        IndicatorCatalogue catalogue, TabulationRequest request, CancellationToken cancellationToken)
    {
        if (request.Method == DisclosureMethod.Perturbation)
            throw new CliException(ExitCodes.Usage, "--publication-log is for suppressed tables: a perturbed table gets the same noise in every request, so it needs no log");
        if (engine == "database")
            throw new CliException(ExitCodes.Usage, "--publication-log links the table with earlier ones in memory: use --engine auto or memory");
        var log = PublicationLogOption.Open(store);
        var logged = await log.ReadPublicationsAsync(cancellationToken);
        var result = await SnapshotReading.UseAsync(console, store,
            snapshot => new Tabulator(snapshot, catalogue).TabulatePublication([request], logged)[0], cancellationToken);
        await PublicationLogOption.RecordAsync(log, [result], [request], cancellationToken);
        PublicationLogOption.Warn(console, [result]);
        return result;
    }

    private static void Render(TabulationResult result, string format, TextWriter output, Mosaic.Core.Import.Csv.CsvWriteOptions csv)
    {
        switch (format)
        {
            case "csv":
                CsvTableWriter.Write(result, output, hxl: false, csv);
                break;
            case "hxl":
                CsvTableWriter.Write(result, output, hxl: true, csv);
                break;
            case "json":
                using (var buffer = new MemoryStream())
                {
                    JsonTableWriter.Write(result, buffer);
                    output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
                }
                break;
            case "xlsx":
                throw new CliException(ExitCodes.Usage, "--format xlsx needs --out FILE.xlsx");
            default:
                TextTableWriter.Write(result, output);
                break;
        }
    }
}

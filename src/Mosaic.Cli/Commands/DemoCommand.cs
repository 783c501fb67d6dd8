using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Demo;
using Mosaic.Core.Registry.Export;
using Mosaic.Core.Storage;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic demo</c>: builds the synthetic Chilmari dataset into the database (and optionally exports it).</summary>
internal sealed class DemoCommand : MosaicCommand
{
    private const int MaxHouseholds = 50_000_000;

    private readonly Option<int> _households = new("--households")
    {
        Description = $"Number of households to generate (default {DemoOptions.DefaultHouseholds:N0}; millions work, for benchmarks)",
        HelpName = "N",
        DefaultValueFactory = _ => DemoOptions.DefaultHouseholds,
    };

    private readonly Option<long> _seed = new("--seed")
    {
        Description = $"Random seed: the same seed and options always give identical data (default {DemoOptions.DefaultSeed})",
        HelpName = "S",
        DefaultValueFactory = _ => DemoOptions.DefaultSeed,
    };

    private readonly Option<bool> _noServe = new("--no-serve")
    {
        Description = "Only build the data; do not start the dashboard (nor print the summary tables)",
    };

    private readonly Option<string?> _urls = new("--urls")
    {
        Description = "Where the dashboard listens (default http://127.0.0.1:5080: this machine only)",
        HelpName = "URL",
    };

    private readonly Option<string?> _exportKobo = new("--export-kobo")
    {
        Description = "Also write the data as a KoboToolbox export into DIR: registrations.xlsx, households.csv + " +
                      "members.csv, areas.csv + areas.geojson to build a fresh database from DIR alone, and the " +
                      "hazard layers flood.geojson + erosion.geojson",
        HelpName = "DIR",
    };

    private readonly Option<bool> _addToExisting = new("--add-to-existing")
    {
        Description = "Write the demo into a database that already holds households from other imports (refused without it, " +
                      "so synthetic households never mix silently into a real registry)",
    };

    public DemoCommand() : base("demo", """
        Build a realistic synthetic dataset (Chilmari upazila, Bangladesh) into the database.
        Chilmari (Kurigram district) lies on the Brahmaputra: unions and villages with boundaries, ~20,000 households
        with rosters, migratory statuses (returnees from the Gulf, people displaced by erosion and floods, internal
        migrants, members abroad), WG-SS disability answers, incomes, remittances and GPS points, with the gaps real
        field data has. Deterministic: the same --seed gives the same data, and running it again adds nothing.
        Then it serves the dashboard on the data and prints its address and a sign-in, unless --no-serve.
        See docs/user-guide/demo.md and docs/user-guide/dashboard.md.

        Examples:
          mosaic demo
          mosaic demo --db chilmari.db --seed 7 --no-serve
          mosaic demo --households 1000000 --no-serve --db big.db
          mosaic demo --households 500 --export-kobo ./kobo --json --no-serve
        """)
    {
        _households.Validators.Add(r =>
        {
            var n = r.GetValueOrDefault<int>();
            if (n is < 0 or > MaxHouseholds)
                r.AddError($"--households must be between 0 and {MaxHouseholds:N0} (got {n})");
        });
        Options.Add(_households);
        Options.Add(_seed);
        Options.Add(_noServe);
        Options.Add(_urls);
        Options.Add(_exportKobo);
        Options.Add(_addToExisting);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var database = await BuildAsync(parse, console, cancellationToken);
        if (parse.GetValue(_noServe))
            return ExitCodes.Success;
        return DashboardServer.Run(console, database, parse.GetValue(_urls));
    }

    /// <summary>Builds the dataset, prints the report and, when the dashboard follows, a sign-in; returns the database's location.</summary>
    private async Task<string> BuildAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var options = new DemoOptions { Households = parse.GetValue(_households), Seed = parse.GetValue(_seed) };
        var exportDir = parse.GetValue(_exportKobo);
        var demo = new DemoGenerator(options);
        var steps = DemoDataset.Steps();
        using var store = await OpenStoreAsync(parse, console, create: true, cancellationToken);
        if (!parse.GetValue(_addToExisting))
            await RefuseRealDataAsync(store, cancellationToken);

        var work = steps.Sum(s => s.Work(demo)) + (exportDir is null ? 0 : DemoExport.Work(options));
        KoboExportResult? export = null;
        var run = await console.WithProgressAsync("building the demo dataset", async report =>
        {
            var r = new DemoRun(demo, store, done => report(done, work));
            await DemoDataset.RunAsync(r, steps, cancellationToken);
            if (exportDir is not null)
            {
                var before = steps.Sum(s => s.Work(demo));
                export = DemoExport.Write(exportDir, demo, done => report(before + done, work));
            }
            return r;
        });

        if (console.Json)
            console.WriteJson(DemoReport.Json(store.Description, options, run, export));
        else
            DemoReport.Text(console, store.Description, options, demo, run, export, tables: !parse.GetValue(_noServe), parse.GetValue(_urls));
        var conflicts = run.Counts.FirstOrDefault(c => c.Key == "households_conflicting").Value;
        if (conflicts > 0)
        {
            console.Error.WriteLine($"warning: {conflicts:N0} household(s) already in the database under the same submission id " +
                                    "with different content were left unchanged (a database from another version of the demo?)");
        }
        if (!parse.GetValue(_noServe))
            await DashboardServer.PrintDemoSignInAsync(console, store, cancellationToken);
        return StoreLocator.Resolve(parse.GetValue(DbOption));
    }

    private static async Task RefuseRealDataAsync(IMosaicStore store, CancellationToken cancellationToken)
    {
        var foreign = (await store.Registry.CountHouseholdsBySourceAsync(cancellationToken))
            .Where(s => !s.Key.StartsWith(DemoHouseholdsStep.SourcePrefix, StringComparison.Ordinal))
            .ToList();
        if (foreign.Count == 0)
            return;
        var sources = string.Join(", ", foreign.Take(3).Select(s => Path.GetFileName(s.Key)));
        throw new CliException(ExitCodes.Usage,
            $"{store.Description} already holds {foreign.Sum(s => s.Value):N0} household(s) that the demo did not write " +
            $"(from {sources}{(foreign.Count > 3 ? ", …" : "")}): the demo would mix synthetic households into that registry. " +
            "Give the demo its own database (--db demo.db), or add --add-to-existing if that is really what you want");
    }
}

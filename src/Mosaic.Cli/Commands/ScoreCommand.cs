using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic score [--model M.json] [--calibrate]</c>.</summary>
internal sealed class ScoreCommand : MosaicCommand
{
    private readonly Option<string?> _model = new("--model")
    {
        Description = "Vulnerability model (JSON); default: the shipped model (see --print-model)",
        HelpName = "M.json",
    };

    private readonly Option<bool> _printModel = new("--print-model")
    {
        Description = "Print the model JSON (the default one unless --model is given) and exit: a starting point for your own",
    };

    private readonly Option<bool> _calibrate = new("--calibrate")
    {
        Description = "Also fit indicator weights to the households' reference welfare and compare errors on held-out households",
    };

    private readonly Option<double> _coverage = new("--coverage")
    {
        Description = "Share of households targeted (and counted as poor) when --calibrate measures errors",
        DefaultValueFactory = _ => 0.3,
        HelpName = "SHARE",
    };

    private readonly Option<string?> _saveModel = new("--save-model")
    {
        Description = "With --calibrate: write the calibrated model here (use it with --model)",
        HelpName = "FILE",
    };

    public ScoreCommand() : base("score", """
        Score every household's vulnerability and hazard exposure, rank and explain it.
        Exposure: the GPS point in the imported hazard layers, else the hazard share of its area. Stores
        per-dimension scores, overall score, class (low/moderate/high/extreme), overall rank and rank within
        each area, and an explanation (the indicators that contributed most). The scores replace
        the previous run's and are stored with the model id and version.

        Examples:
          mosaic score
          mosaic score --print-model > my-model.json
          mosaic score --model my-model.json
          mosaic score --calibrate --coverage 0.25 --save-model calibrated.json
        """)
    {
        Options.Add(_model);
        Options.Add(_printModel);
        Options.Add(_calibrate);
        Options.Add(_coverage);
        Options.Add(_saveModel);
        Options.Add(ForceOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var model = LoadModel(parse.GetValue(_model));
        if (parse.GetValue(_printModel))
        {
            console.Out.WriteLine(model.SourceJson ?? VulnerabilityModelWriter.ToJson(model));
            return ExitCodes.Success;
        }
        var coverage = parse.GetValue(_coverage);
        if (coverage is <= 0 or >= 1)
            throw new CliException(ExitCodes.Usage, "--coverage must be between 0 and 1 (exclusive)");

        using var saved = parse.GetValue(_calibrate) && parse.GetValue(_saveModel) is { } savePath ? BeginOutput(parse, console, savePath) : null;
        using var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken);
        var result = await console.WithStatusAsync("scoring", () => StoreScoring.ScoreAsync(store,
            new ScoreRequest(model, DateTimeOffset.UtcNow, parse.GetValue(_calibrate) ? coverage : null), cancellationToken));
        var (summary, calibration) = (result.Summary, result.Calibration);
        if (calibration is not null && saved is not null)
        {
            File.WriteAllText(saved.TemporaryPath, calibration.Model.SourceJson);
            saved.Commit();
        }
        Report(console, summary, calibration, parse.GetValue(_saveModel));
        return ExitCodes.Success;
    }

    private static VulnerabilityModel LoadModel(string? path)
    {
        if (path is null)
            return DefaultVulnerabilityModel.Model;
        if (!File.Exists(path))
            throw new CliException(ExitCodes.FileNotFound, $"file not found: {path}");
        try
        {
            return VulnerabilityModelReader.ReadFile(path);
        }
        catch (VulnerabilityModelException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message);
        }
    }

    private static void Report(CliConsole console, ScoringSummary s, CalibrationResult? c, string? savedTo)
    {
        if (console.Json)
        {
            console.WriteJson(new ScoreReport(s.RunId, s.ModelId, s.ModelVersion, s.Households, s.Classes, s.ExposureMethods, s.HazardTypes,
                c is null ? null : new CalibrationReport(c.Training, c.HeldOut, c.Coverage,
                    new TargetingErrorsReport(c.HandWeighted.InclusionError, c.HandWeighted.ExclusionError),
                    new TargetingErrorsReport(c.Calibrated.InclusionError, c.Calibrated.ExclusionError),
                    c.Weights.Select(w => new WeightReport(w.Indicator, w.Original, w.Calibrated)).ToList(), savedTo)));
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        console.Info(string.Create(inv, $"scored {s.Households} households with {s.ModelId}@{s.ModelVersion} (run {s.RunId})"));
        console.Info("  classes: " + string.Join(", ", s.Classes.Select(kv => $"{kv.Key} {kv.Value.ToString(inv)}")));
        console.Info("  exposure: " + string.Join(", ", s.ExposureMethods.Select(kv => $"{kv.Key} {kv.Value.ToString(inv)}")) +
                     (s.HazardTypes.Count == 0 ? " (no hazard layer imported: exposure unknown)" : $" (layers: {string.Join(", ", s.HazardTypes)})"));
        if (c is null)
            return;
        console.Info(string.Create(inv, $"calibration: fitted on {c.Training} households with a reference welfare, errors on {c.HeldOut} held-out at {c.Coverage:P0} coverage"));
        console.Info("  model           inclusion  exclusion");
        console.Info(string.Create(inv, $"  hand-weighted   {c.HandWeighted.InclusionError,9:P1}  {c.HandWeighted.ExclusionError,9:P1}"));
        console.Info(string.Create(inv, $"  calibrated      {c.Calibrated.InclusionError,9:P1}  {c.Calibrated.ExclusionError,9:P1}"));
        console.Info("  weights (original → calibrated): " + string.Join(", ", c.Weights.Select(w => string.Create(inv, $"{w.Indicator} {w.Original:0.##}→{w.Calibrated:0.###}"))));
        if (savedTo is not null)
            console.Info($"  calibrated model written to {savedTo}");
    }
}

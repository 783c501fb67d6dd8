using System.CommandLine;
using System.Globalization;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Hazards;
using Mosaic.Core.Hazards.Import;
using Mosaic.Core.Import;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic import hazards FILE.geojson --type T</c>.</summary>
internal sealed class ImportHazardsCommand : MosaicCommand
{
    private readonly Argument<string> _file = new("FILE") { Description = "Hazard polygons (.geojson, WGS84 lon/lat)" };

    private readonly Option<string> _type = new("--type")
    {
        Description = "Hazard type: " + HazardTypes.Codes.Describe(),
        HelpName = "TYPE",
        Required = true,
    };

    private readonly Option<string?> _severityProperty = new("--severity-property")
    {
        Description = $"Feature property holding the severity: a number 0..1 or a class ({HazardSeverity.ClassNames}); default '{HazardFileReader.DefaultSeverityProperty}'",
        HelpName = "NAME",
    };

    private readonly Option<string?> _name = new("--name")
    {
        Description = "Layer name (default: the file name); importing a layer with the same type and name replaces it",
        HelpName = "NAME",
    };

    private readonly Option<DateOnly?> _validFrom = DateOptions.Create("--valid-from", "First day the layer is valid");

    private readonly Option<DateOnly?> _validTo = DateOptions.Create("--valid-to", "Last day the layer is valid");

    private readonly Option<string?> _encoding = EncodingOption.Create();

    private readonly Option<bool> _skipInvalid = new("--skip-invalid")
    {
        Description = "Import the valid features and report the rest (default: import nothing when any feature is bad)",
    };

    public ImportHazardsCommand() : base("hazards", """
        Import a hazard layer: a GeoJSON FeatureCollection of Polygon/MultiPolygon features in WGS84 lon/lat,
        each with a severity (a number from 0 to 1, or a class: low, moderate, high, very_high). Exposure of a
        household is the highest severity of the polygons containing its GPS point, or, without GPS, the
        severity-weighted share of its area covered by the layer. Self-intersecting polygons are repaired;
        unusable features go to FILE.errors.csv (or the --errors file). Re-importing the same file replaces the layer.

        Examples:
          mosaic import hazards docs/examples/flood.geojson --type flood --name flood-2026
          mosaic import hazards docs/examples/erosion.geojson --type erosion --severity-property risk_class
        """)
    {
        Arguments.Add(_file);
        Options.Add(_type);
        Options.Add(_severityProperty);
        Options.Add(_name);
        Options.Add(_validFrom);
        Options.Add(_validTo);
        Options.Add(_skipInvalid);
        Options.Add(_encoding);
        Options.Add(ErrorsOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = RequireFile(parse.GetValue(_file));
        var reportTarget = ReportTarget(parse, path);
        var typeCode = parse.GetValue(_type);
        if (!HazardTypes.Codes.TryParse(typeCode?.Trim().ToLowerInvariant(), out var type))
            throw new CliException(ExitCodes.Usage, $"unknown hazard type '{typeCode}'; use one of: {HazardTypes.Codes.Describe()}");
        var encoding = EncodingOption.Resolve(parse.GetValue(_encoding)).Encoding;
        using var store = await OpenStoreAsync(parse, console, create: true, cancellationToken);
        var result = await HazardImporter.ImportAsync(store.Hazards, new HazardImportRequest(
            ImportSource.FromFile(path), type, parse.GetValue(_name), parse.GetValue(_severityProperty), parse.GetValue(_skipInvalid))
        {
            ValidFrom = parse.GetValue(_validFrom),
            ValidTo = parse.GetValue(_validTo),
            Encoding = encoding,
        }, cancellationToken);
        var (layer, commit, replaced) = (result.Layer, result.Committed, result.Replaced);
        var report = WriteImportReport(parse, console, path, reportTarget, result.Issues, []);

        if (console.Json)
        {
            console.WriteJson(new HazardImportReport
            {
                File = path,
                Type = HazardTypes.Codes[type],
                Layer = layer.Name,
                Committed = commit,
                Replaced = replaced,
                Polygons = commit ? layer.Polygons.Count : 0,
                Repaired = result.Repaired,
                FeaturesRejected = result.Issues.Count,
                ErrorsFile = report?.Path,
            });
        }
        else if (commit)
        {
            var repairedNote = result.Repaired > 0 ? string.Create(CultureInfo.InvariantCulture, $", {result.Repaired} invalid polygon(s) repaired") : "";
            console.Info(string.Create(CultureInfo.InvariantCulture,
                $"{HazardTypes.Codes[type]} layer '{layer.Name}': {layer.Polygons.Count} polygon(s) {(replaced ? "replaced the stored layer" : "imported")}{repairedNote}"));
        }
        else
        {
            console.Info(layer.Polygons.Count == 0
                ? "nothing imported: the file has no usable hazard polygon"
                : "nothing imported: the file has rejected features (use --skip-invalid to import the valid ones)");
        }
        console.ReportIssues(result.Issues, report, $"{result.Issues.Count} problem(s)");
        return commit ? ExitCodes.Success : ExitCodes.InputRejected;
    }
}

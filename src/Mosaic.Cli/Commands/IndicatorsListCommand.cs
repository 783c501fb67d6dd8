using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic indicators list</c>.</summary>
internal sealed class IndicatorsListCommand : MosaicCommand
{
    private readonly Option<string?> _catalogue = CatalogueOption.Create();

    public IndicatorsListCommand() : base("list", """
        List the indicators: id, unit (person or household), measure, label and SDG/GCM tags.

        Examples:
          mosaic indicators list
          mosaic indicators list --json
        """)
    {
        Options.Add(_catalogue);
    }

    protected override int Execute(ParseResult parse, CliConsole console)
    {
        var catalogue = CatalogueOption.Load(parse.GetValue(_catalogue));
        if (console.Json)
        {
            console.WriteJson(IndicatorListReport.Of(catalogue));
            return ExitCodes.Success;
        }
        var idWidth = catalogue.Indicators.Max(i => i.Id.Length);
        console.Info($"{"id".PadRight(idWidth)}  {"unit",-9}  {"measure",-7}  label [SDG; GCM]");
        foreach (var i in catalogue.Indicators)
        {
            var tags = $"SDG {string.Join(' ', i.Tags.Sdg)}" + (i.Tags.Gcm.Count > 0 ? $"; GCM {string.Join(' ', i.Tags.Gcm)}" : "");
            console.Info($"{i.Id.PadRight(idWidth)}  {i.Unit.ToString().ToLowerInvariant(),-9}  {i.Measure.Kind.ToString().ToLowerInvariant(),-7}  {i.Label} [{tags}]");
        }
        console.Info($"{catalogue.Indicators.Count} indicators (catalogue version {catalogue.Version}); details: mosaic indicators show ID");
        return ExitCodes.Success;
    }
}

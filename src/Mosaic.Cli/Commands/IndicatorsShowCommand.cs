using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Indicators;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic indicators show ID</c>.</summary>
internal sealed class IndicatorsShowCommand : MosaicCommand
{
    private readonly Argument<string> _id = new("ID") { Description = "Indicator id, e.g. population" };
    private readonly Option<string?> _catalogue = CatalogueOption.Create();

    public IndicatorsShowCommand() : base("show", """
        Show one indicator's definition as JSON (the format of a catalogue entry: copy it to write your own).

        Examples:
          mosaic indicators show hh_income_fell_20pct
        """)
    {
        Arguments.Add(_id);
        Options.Add(_catalogue);
    }

    protected override int Execute(ParseResult parse, CliConsole console)
    {
        var catalogue = CatalogueOption.Load(parse.GetValue(_catalogue));
        var id = parse.GetValue(_id)!;
        var indicator = catalogue.Find(id)
            ?? throw new CliException(ExitCodes.Usage, $"unknown indicator '{id}' (see `mosaic indicators list`)");
        console.Out.WriteLine(IndicatorCatalogue.ToJson(indicator));
        return ExitCodes.Success;
    }
}

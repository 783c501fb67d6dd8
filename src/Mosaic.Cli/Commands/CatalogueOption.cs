using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Indicators;

namespace Mosaic.Cli.Commands;

/// <summary><c>--catalogue FILE</c>: indicator definitions added to (or replacing same-id entries of) the shipped catalogue.</summary>
internal static class CatalogueOption
{
    public static Option<string?> Create() => new("--catalogue")
    {
        Description = "Extra indicator catalogue (JSON, same format as `mosaic indicators show`); its ids override the shipped ones",
        HelpName = "FILE",
    };

    public static IndicatorCatalogue Load(string? path)
    {
        if (path is null)
            return IndicatorCatalogue.Shipped;
        if (!File.Exists(path))
            throw new CliException(ExitCodes.FileNotFound, $"file not found: {path}");
        try
        {
            return IndicatorCatalogue.Shipped.With(IndicatorCatalogue.Parse(File.ReadAllText(path), path));
        }
        catch (IndicatorCatalogueException ex)
        {
            throw new CliException(ExitCodes.InputRejected, ex.Message);
        }
    }
}

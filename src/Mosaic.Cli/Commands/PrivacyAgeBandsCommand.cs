using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Cli.Commands;

/// <summary><c>mosaic privacy age-bands</c>: shows or sets the database's base age bands.</summary>
internal sealed class PrivacyAgeBandsCommand : MosaicCommand
{
    private readonly Option<string?> _set = new("--set")
    {
        Description = "New base bands, e.g. 0-4,5-11,12-17,18-59,60+: from 0, no gaps, an open last band",
        HelpName = "BANDS",
    };

    public PrivacyAgeBandsCommand() : base("age-bands", """
        Show or set the database's base age bands. With suppression (the default of tabulate and publish) and in
        record-level exports, age bands must be groups of these base bands, so that two outputs by different
        bands differ by whole base bands, never by persons of one age. Without a setting the base is Mosaic's
        five-year bands split at 18 (0-4,5-9,10-14,15-17,18-19,20-24,...,80-84,85+).

        A new base is accepted when its bands are groups of the current base (always safe: anything by the new
        base was allowed by the old one). Any other base, finer or shifted, only on a database whose registry holds
        no households yet: set it after `mosaic init`, before the first import.

        Examples:
          mosaic privacy age-bands
          mosaic privacy age-bands --set 0-4,5-17,18-59,60-69,70+
        """)
    {
        Options.Add(_set);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        using var store = await OpenStoreAsync(parse, console, cancellationToken: cancellationToken);
        var policy = await AgeBandPolicies.ReadAsync(store, cancellationToken);
        var text = parse.GetValue(_set);
        if (text is not null)
        {
            try
            {
                policy = await AgeBandPolicies.SetAsync(store, AgeBands.Parse(text), cancellationToken);
            }
            catch (TabulationException ex)
            {
                throw new CliException(ExitCodes.Usage, ex.Message);
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.Unsupported)
            {
                throw new CliException(ExitCodes.Usage, ex.Message);
            }
        }
        if (console.Json)
        {
            console.WriteJson(new AgeBandsReport(policy.Base.ToString(), policy.Configured, policy.DefaultBands.ToString(), text is not null));
            return ExitCodes.Success;
        }
        var origin = policy.Configured ? (text is null ? "set for this database" : "now set for this database") : "built in; change with --set";
        console.Info($"base age bands ({origin}): {policy.Base}");
        console.Info($"default bands of a table: {policy.DefaultBands}");
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Cli.Commands;

/// <summary>
/// <c>--publication-log</c>: protect the new tables against every table published earlier with the option from the
/// same database, and log them in turn (issue 15). Opt-in: every logged table constrains all later ones.
/// </summary>
internal static class PublicationLogOption
{
    public static Option<bool> Create() => new("--publication-log")
    {
        Description = "Protect the table(s) also against every table of the same indicator published earlier with --publication-log " +
                      "from this database (its publication log), and add them to the log (SQLite only)",
    };

    /// <summary>The store's log; a usage error when the store keeps none.</summary>
    public static IPublicationLog Open(IMosaicStore store)
    {
        try
        {
            return PublicationLogs.Of(store);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Unsupported)
        {
            throw new CliException(ExitCodes.Usage, $"--publication-log: {ex.Message}");
        }
    }

    /// <summary>Logs the tables just published.</summary>
    public static Task RecordAsync(IPublicationLog log, IReadOnlyList<TabulationResult> results, IReadOnlyList<TabulationRequest> requests,
        CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        return log.LogPublicationsAsync([.. results.Select((r, i) => PublicationHistory.Record(r, requests[i], at))], cancellationToken);
    }

    /// <summary>What the log did for a table, for its summary line ("" when it did nothing).</summary>
    public static string Describe(TabulationResult result) =>
        result.EarlierTables > 0 ? $", protected against {result.EarlierTables} table(s) of {result.LinkedIndicators} published earlier" : "";

    /// <summary>Says on stderr which logged tables could not be linked, and why.</summary>
    public static void Warn(CliConsole console, IEnumerable<TabulationResult> results)
    {
        foreach (var result in results.Where(r => r.EarlierTablesChanged > 0).DistinctBy(r => r.LinkedIndicators))
        {
            console.Error.WriteLine($"note: {result.EarlierTablesChanged} logged table(s) of {result.LinkedIndicators} not linked: the registry changed " +
                                    "since they were published (their cells are no longer today's), so the new tables are not protected against them");
        }
    }
}

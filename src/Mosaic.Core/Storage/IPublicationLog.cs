using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Storage;

/// <summary>
/// The publication log of a registry (issue 15): every table published with <c>--publication-log</c>, its definition
/// and its published cells, so that a table published later is protected against all of them
/// (<see cref="Tabulator.TabulatePublication"/>). Append-only. Optional on a registry store: a store without it
/// cannot keep a log, and a command asked to use one refuses (<see cref="PublicationLogs.Of"/>).
/// </summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>), a cancelled write commits nothing,
/// and the unit of work stays usable. The rules of <see cref="IMosaicStore"/> apply (one caller at a time).
/// </remarks>
public interface IPublicationLog
{
    /// <summary>Every logged table, oldest first.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<LoggedTable>> ReadPublicationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends the tables of one publication, all or none.</summary>
    /// <param name="tables">The tables published together.</param>
    /// <param name="cancellationToken">Stops the write before its commit: then none is logged.</param>
    Task LogPublicationsAsync(IReadOnlyList<LoggedTable> tables, CancellationToken cancellationToken = default);
}

/// <summary>Finds a store's publication log.</summary>
public static class PublicationLogs
{
    /// <summary>The registry's publication log; a <see cref="StoreException"/> (<see cref="StoreFailure.Unsupported"/>) when the store keeps none.</summary>
    public static IPublicationLog Of(IMosaicStore store) =>
        store.Registry as IPublicationLog ?? throw new StoreException(StoreFailure.Unsupported,
            $"{store.Description} keeps no publication log: publish without --publication-log, " +
            "or publish the tables that go out together in one `mosaic publish` file");
}

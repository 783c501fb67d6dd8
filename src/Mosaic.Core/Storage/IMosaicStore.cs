namespace Mosaic.Core.Storage;

/// <summary>
/// A unit of work on one Mosaic database, handed out by <see cref="IMosaicDatabase.OpenStoreAsync"/>: one connection,
/// for one command or request. Providers implement this and pass the store contract test suite.
/// </summary>
/// <remarks>
/// Rules every provider keeps and every caller may rely on:
/// <list type="bullet">
/// <item>A unit of work is used by one thread at a time; the <see cref="IMosaicDatabase"/> is the thread-safe object.</item>
/// <item>A streamed result (an <see cref="IAsyncEnumerable{T}"/>) holds the connection
/// until it is enumerated to the end or disposed: finish or dispose it before the next call on the same unit of work
/// (no two open readers on one connection; PostgreSQL has no multiple active result sets).</item>
/// <item>Failures are <see cref="StoreException"/>s, never a driver's own exception type.</item>
/// </list>
/// </remarks>
public interface IMosaicStore : IDisposable
{
    /// <summary>Human-readable location, e.g. the file path (never a password).</summary>
    string Description { get; }

    /// <summary>The schema version of the database (the current one: units of work are only handed out then).</summary>
    int SchemaVersion { get; }

    /// <summary>The area tree (P-codes, names, levels, parents, boundaries).</summary>
    IAreaStore Areas { get; }

    /// <summary>Households and their rosters; contacts only through its audited door.</summary>
    IRegistryStore Registry { get; }

    /// <summary>Location assessments, flow monitoring and the registry's movers.</summary>
    IMobilityStore Mobility { get; }

    /// <summary>Hazard layers (flood, erosion, ...) with their polygons and severities.</summary>
    IHazardStore Hazards { get; }

    /// <summary>Vulnerability scoring runs and the latest run's scores.</summary>
    IScoreStore Scores { get; }

    /// <summary>The append-only log of personal-data reads and exports (DESIGN §7).</summary>
    IAuditLog AuditLog { get; }

    /// <summary>Accounts with a role and an area scope, and their API tokens.</summary>
    IUserStore Users { get; }
}

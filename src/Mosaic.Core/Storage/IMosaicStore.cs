namespace Mosaic.Core.Storage;

/// <summary>
/// One Mosaic database (an SQLite file or a PostgreSQL database). Providers implement this and pass the
/// store contract test suite. The API is synchronous: the embedded case is I/O-bound on one file and the
/// import hot path cannot afford a task per row.
/// </summary>
public interface IMosaicStore : IDisposable
{
    /// <summary>Human-readable location, e.g. the file path (never a password).</summary>
    string Description { get; }

    /// <summary>Current schema version after automatic migrations.</summary>
    int SchemaVersion { get; }

    IAreaStore Areas { get; }

    IRegistryStore Registry { get; }

    /// <summary>Location assessments, flow monitoring and the registry's movers.</summary>
    IMobilityStore Mobility { get; }

    IHazardStore Hazards { get; }

    IScoreStore Scores { get; }

    /// <summary>The append-only log of personal-data reads and exports (DESIGN §7).</summary>
    IAuditLog AuditLog { get; }

    /// <summary>Accounts with a role and an area scope, and their API tokens.</summary>
    IUserStore Users { get; }
}

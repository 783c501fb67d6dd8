namespace Mosaic.Core.Storage;

/// <summary>
/// The one rule that turns <c>--db</c> / <c>MOSAIC_DB</c> into a database (DESIGN §3), shared by the CLI and the
/// server: the explicit value, else the environment variable, else <see cref="DefaultLocation"/>; then the first
/// provider in the host's list that claims the location.
/// </summary>
public sealed class StoreResolver
{
    /// <summary>The database used when neither <c>--db</c> nor <c>MOSAIC_DB</c> names one.</summary>
    public const string DefaultLocation = "mosaic.db";

    /// <summary>The environment variable naming the database.</summary>
    public const string EnvironmentVariable = "MOSAIC_DB";

    private readonly IReadOnlyList<IMosaicStoreProvider> _providers;

    /// <summary>Creates a resolver over providers, asked in order (put a catch-all file provider last).</summary>
    public StoreResolver(IReadOnlyList<IMosaicStoreProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers;
    }

    /// <summary>The location to open: <paramref name="explicitLocation"/>, else <c>MOSAIC_DB</c>, else the default.</summary>
    public static string Locate(string? explicitLocation) =>
        !string.IsNullOrWhiteSpace(explicitLocation) ? explicitLocation :
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : DefaultLocation;

    /// <summary>Whether a location names a PostgreSQL database (a URL or a key=value connection string) rather than a file.</summary>
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
               location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
               location.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Opens the database a location names.</summary>
    /// <exception cref="StoreException"><see cref="StoreFailure.Unavailable"/> when no provider of this build opens it.</exception>
    public IMosaicDatabase Open(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        foreach (var provider in _providers)
        {
            if (provider.Claims(location))
                return provider.Open(location);
        }
        throw new StoreException(StoreFailure.Unavailable, IsPostgres(location)
            ? "PostgreSQL databases are not supported by this build yet; use an SQLite file path"
            : "no storage provider of this build opens this database");
    }
}

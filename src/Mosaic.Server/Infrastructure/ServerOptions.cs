namespace Mosaic.Server.Infrastructure;

/// <summary>Settings of a running server, from configuration (<c>Mosaic:Db</c>, env <c>MOSAIC_DB</c>) or the command line.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Mosaic";

    /// <summary>Where the server listens when nothing else is said: loopback only, never every interface by default.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The database (an SQLite file path); null means <c>MOSAIC_DB</c>, else <c>./mosaic.db</c>.</summary>
    public string? Db { get; set; }

    /// <summary>Failed sign-ins of one user name within <see cref="ThrottleWindow"/> before further tries are refused.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address within the window before it is refused.</summary>
    public int MaxFailedSignInsPerClient { get; set; } = 20;

    /// <summary>How far back failed sign-ins count towards the limits.</summary>
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest accepted upload.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> in a temporary directory, <c>pg_ctl start</c> on a free port,
/// listening on 127.0.0.1 only, with durability off (tests need speed, not crash safety). When the process runs as
/// root (CI), the server runs as the unprivileged <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly string? _runAs;

    private PostgresCluster(string bin, string name)
    {
        _bin = bin;
        Name = name;
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        _dir = Path.Combine(Path.GetTempPath(), $"mosaic-pg-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
        if (_runAs is not null && !OperatingSystem.IsWindows())
        {
            // The server's user must create its data directory, socket and log here.
            File.SetUnixFileMode(_dir, (UnixFileMode)Convert.ToInt32("777", 8));
        }
        Port = FreePort();
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Whether the server is running (after <see cref="Start"/>, before <see cref="Stop"/>).</summary>
    public bool IsRunning { get; private set; }

    /// <summary>A connection string to a database of this cluster as its superuser.</summary>
    public string ConnectionString(string database = "postgres", string user = "postgres") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Database={database};Username={user};Pooling=true;Timeout=30;Command Timeout=300";

    /// <summary>The binaries' directory: <c>/usr/lib/postgresql/N/bin</c> (newest first), else the one on PATH; null when absent.</summary>
    public static string? FindBinaries()
    {
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var versions = Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0);
            if (versions.FirstOrDefault() is { } newest)
                return newest;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Creates and starts a cluster with the binaries in <paramref name="bin"/>.</summary>
    public static PostgresCluster Create(string bin, string name)
    {
        var cluster = new PostgresCluster(bin, name);
        try
        {
            cluster.Run("initdb", "-D", cluster.DataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C");
            cluster.Start();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    private string DataDir => Path.Combine(_dir, "data");

    public void Start()
    {
        var options = string.Join(' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={_dir}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300",
            "-c shared_buffers=128MB", "-c max_wal_size=2GB", "-c max_prepared_transactions=20");
        Run("pg_ctl", "-D", DataDir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "-o", options, "start");
        IsRunning = true;
    }

    /// <summary>Stops the server at once (a shard going down, for the failure tests).</summary>
    public void Stop()
    {
        if (!IsRunning)
            return;
        IsRunning = false;
        Run("pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "stop");
    }

    private void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_runAs is null)
        {
            start.FileName = Path.Combine(_bin, tool);
        }
        else
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", _runAs, "--", Path.Combine(_bin, tool) })
                start.ArgumentList.Add(a);
        }
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        // pg_ctl start leaves the server holding stdout open: read both streams asynchronously, wait for the tool.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{tool} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_dir, "server.log");
            throw new InvalidOperationException(
                $"{tool} failed ({process.ExitCode}): {(error.IsCompleted ? error.Result : "")}{(File.Exists(log) ? File.ReadAllText(log) : "")}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(DataDir))
                Stop();
        }
        finally
        {
            if (Directory.Exists(_dir))
                Directory.Delete(_dir, recursive: true);
        }
    }
}

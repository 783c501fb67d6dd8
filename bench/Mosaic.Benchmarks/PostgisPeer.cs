using System.Diagnostics;
using System.Globalization;
using Mosaic.Core.Hazards;
using Mosaic.Core.Registry;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL 15 + PostGIS cluster under a temp directory (run <c>scripts/setup-postgis.sh</c>
/// once as root), loaded with the same households and hazard polygons by binary COPY.
/// </summary>
internal sealed class PostgisPeer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private readonly int _port;

    private PostgisPeer(string dir, int port)
    {
        _dir = dir;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=60;Command Timeout=0";

    public static bool Available => File.Exists("/usr/share/postgresql/15/extension/postgis.control") && File.Exists(Bin + "/initdb");

    public static PostgisPeer Start()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mosaic-bench-pg-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var port = 55000 + Environment.ProcessId % 1000;
        Run("chown", "postgres", dir);
        AsPostgres($"{Bin}/initdb -D {dir}/data -A trust -U postgres --no-sync > {dir}/initdb.log 2>&1");
        AsPostgres($"{Bin}/pg_ctl -D {dir}/data -l {dir}/pg.log -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" -w start > /dev/null");
        return new PostgisPeer(dir, port);
    }

    /// <summary>Loads households (points) and one table per hazard type, with GiST indexes; returns the load time.</summary>
    public TimeSpan Load(IReadOnlyList<Household> households, IEnumerable<HazardLayer> layers)
    {
        var sw = Stopwatch.StartNew();
        using var conn = new NpgsqlConnection(ConnectionString);
        conn.Open();
        Exec(conn, "CREATE EXTENSION IF NOT EXISTS postgis; CREATE TABLE household_stage (id bigint, lon float8, lat float8);");
        using (var copy = conn.BeginBinaryImport("COPY household_stage (id, lon, lat) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var h in households)
            {
                copy.StartRow();
                copy.Write(h.Id, NpgsqlDbType.Bigint);
                copy.Write(h.Gps!.Value.Longitude, NpgsqlDbType.Double);
                copy.Write(h.Gps.Value.Latitude, NpgsqlDbType.Double);
            }
            copy.Complete();
        }
        Exec(conn, "CREATE TABLE household AS SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM household_stage; " +
                   "DROP TABLE household_stage; CREATE INDEX household_geom ON household USING gist (geom);");
        var writer = new WKBWriter();
        foreach (var layer in layers)
        {
            var table = "hazard_" + HazardTypes.Codes[layer.Type];
            Exec(conn, $"CREATE TABLE {table}_stage (severity float8, wkb bytea);");
            using (var copy = conn.BeginBinaryImport($"COPY {table}_stage (severity, wkb) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var p in layer.Polygons)
                {
                    copy.StartRow();
                    copy.Write(p.Severity, NpgsqlDbType.Double);
                    copy.Write(writer.Write(p.Geometry), NpgsqlDbType.Bytea);
                }
                copy.Complete();
            }
            Exec(conn, $"CREATE TABLE {table} AS SELECT severity, ST_GeomFromWKB(wkb, 4326) AS geom FROM {table}_stage; DROP TABLE {table}_stage; " +
                       $"CREATE INDEX {table}_geom ON {table} USING gist (geom);");
        }
        Exec(conn, "VACUUM ANALYZE;");
        return sw.Elapsed;
    }

    /// <summary>
    /// The exposure join for one hazard type: per household the highest severity of the polygons it intersects.
    /// Aggregated in the database (count and sum) so the timing is the join, not the transfer of a million rows.
    /// </summary>
    public (long Exposed, double SeveritySum) Exposure(HazardType type)
    {
        using var conn = new NpgsqlConnection(ConnectionString);
        conn.Open();
        var table = "hazard_" + HazardTypes.Codes[type];
        using var cmd = new NpgsqlCommand(
            $"SELECT count(*), coalesce(sum(s), 0) FROM (SELECT p.id, max(h.severity) AS s FROM household p JOIN {table} h ON ST_Intersects(h.geom, p.geom) GROUP BY p.id) x", conn);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetDouble(1));
    }

    private static void Exec(NpgsqlConnection conn, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    private static void AsPostgres(string command) => Run("su", "postgres", "-s", "/bin/sh", "-c", command);

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with {p.ExitCode}");
    }

    public void Dispose()
    {
        try
        {
            AsPostgres($"{Bin}/pg_ctl -D {_dir}/data -m immediate stop > /dev/null");
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

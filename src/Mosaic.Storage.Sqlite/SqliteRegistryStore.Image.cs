using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

// The persisted snapshot (migration 12): the image's bytes in parts 0, 1, … of the registry_snapshot table, written in
// one transaction through incremental blob I/O (no copy of the image per part), read back into one array. Part -1
// holds the score section of a later scoring run (SnapshotScoreSection), replaced alone; writing the image removes it.
internal sealed partial class SqliteRegistryStore : IPersistedSnapshotSource
{
    /// <summary>Bytes per stored part: far below SQLite's blob limit (1e9), large enough that parts are few.</summary>
    private const int PartBytes = 64 << 20;

    /// <summary>The part that holds the score section, outside the image's parts.</summary>
    private const long ScoreSectionPart = -1;

    public Task<SnapshotCoverage> CurrentCoverageAsync(CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        using var cmd = connection.CreateCommand(
            "SELECT (SELECT version FROM registry_version WHERE id = 1), (SELECT rewrites FROM registry_rewrites WHERE id = 1), " +
            "coalesce((SELECT max(id) FROM household), 0), coalesce((SELECT max(id) FROM score_run), 0)", null);
        long version, rewrites, lastHousehold, scoreRun;
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (version, rewrites, lastHousehold, scoreRun) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        }
        return Task.FromResult(new SnapshotCoverage(version, rewrites, lastHousehold, scoreRun, OptionalHouseholdNumbers()));
    }

    /// <remarks>The stream reads the parts with SQLite's incremental blob I/O, in-process and synchronously.</remarks>
    public Task<Stream?> OpenImageAsync(CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        var parts = new List<(long Part, long Length)>();
        using (var cmd = connection.CreateCommand("SELECT part, length(data) FROM registry_snapshot WHERE part >= 0 ORDER BY part", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                parts.Add((r.GetInt64(0), r.GetInt64(1)));
        }
        if (parts.Count == 0)
            return Task.FromResult<Stream?>(null);
        // Incremental blob I/O reads each part straight into the caller's columns (a column read would copy it twice),
        // through a small page cache: the image's pages are read once.
        return Task.FromResult<Stream?>(new ImageStream(connection, parts, PageCacheLimit.Lower(connection)));
    }

    /// <remarks>Each read goes through SQLite's incremental blob I/O into the caller's span; the parts are listed once.</remarks>
    public Task<IRandomAccessImage?> OpenImageAtAsync(CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        var parts = new List<long>();
        var starts = new List<long> { 0 };
        using (var cmd = connection.CreateCommand("SELECT part, length(data) FROM registry_snapshot WHERE part >= 0 ORDER BY part", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                parts.Add(r.GetInt64(0));
                starts.Add(starts[^1] + r.GetInt64(1));
            }
        }
        return Task.FromResult<IRandomAccessImage?>(parts.Count == 0 ? null : new ImageAt(connection, [.. parts], [.. starts]));
    }

    /// <summary>The image's parts as one range of offsets (a part whose length changed since the listing fails the read).</summary>
    private sealed class ImageAt(SqliteConnection connection, long[] parts, long[] starts) : IRandomAccessImage
    {
        private readonly SqliteBlob?[] _open = new SqliteBlob?[parts.Length];

        public long Length => starts[^1];

        public void ReadAt(long offset, Span<byte> into)
        {
            // Not behind the store's boundary (a span cannot pass through its proxy): SQLite's failures are translated
            // here, as the boundary translates every other call's.
            try
            {
                ReadParts(offset, into);
            }
            catch (SqliteException ex) when (SqliteErrors.Translator(ex, connection.DataSource) is { } failure)
            {
                throw failure;
            }
        }

        private void ReadParts(long offset, Span<byte> into)
        {
            while (into.Length > 0)
            {
                if (offset < 0 || offset >= starts[^1])
                    throw new EndOfStreamException("a read past the end of the stored image");
                var part = Array.BinarySearch(starts, offset);
                if (part < 0)
                    part = ~part - 1;
                var blob = _open[part];
                if (blob is null)
                {
                    blob = _open[part] = new SqliteBlob(connection, "registry_snapshot", "data", parts[part], readOnly: true);
                    if (blob.Length != starts[part + 1] - starts[part])
                        throw new IOException("the stored image changed while it was read");
                }
                var within = offset - starts[part];
                var take = (int)Math.Min(into.Length, starts[part + 1] - offset);
                blob.Position = within;
                blob.ReadExactly(into[..take]);
                into = into[take..];
                offset += take;
            }
        }

        public void Dispose()
        {
            for (var i = 0; i < _open.Length; i++)
            {
                _open[i]?.Dispose();
                _open[i] = null;
            }
        }
    }

    /// <remarks>One transaction: a cancellation (checked before each part, and interrupting a statement) rolls it back.</remarks>
    public Task SaveImageAsync(byte[] image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        using var tx = connection.BeginTransaction();
        connection.Execute("DELETE FROM registry_snapshot", tx);
        using var insert = connection.CreateCommand("INSERT INTO registry_snapshot (part, data) VALUES ($p, zeroblob($n))", tx, ("$p", 0L), ("$n", 0L));
        var part = 0L;
        for (var at = 0; at < image.Length || part == 0; at += PartBytes, part++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(PartBytes, image.Length - at);
            insert.Parameters["$p"].Value = part;
            insert.Parameters["$n"].Value = (long)length;
            insert.ExecuteNonQuery();
            using var blob = new SqliteBlob(connection, "registry_snapshot", "data", part);
            blob.Write(image, at, length);
        }
        cancellationToken.ThrowIfCancellationRequested();
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadScoreSectionAsync(CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        return Task.FromResult(connection.ExecuteScalar("SELECT data FROM registry_snapshot WHERE part = $p", null, ("$p", ScoreSectionPart)) as byte[]);
    }

    public Task SaveScoreSectionAsync(byte[] section, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        // Its pages are written once: through a small page cache, and through incremental blob I/O (a bound
        // parameter would be copied whole by SQLite first). One transaction: atomic, the image's parts left as they are.
        using var cache = PageCacheLimit.Lower(connection);
        using var tx = connection.BeginTransaction();
        connection.Execute("INSERT OR REPLACE INTO registry_snapshot (part, data) VALUES ($p, zeroblob($n))", tx,
            ("$p", ScoreSectionPart), ("$n", (long)section.Length));
        using (var blob = new SqliteBlob(connection, "registry_snapshot", "data", ScoreSectionPart))
            blob.Write(section, 0, section.Length);
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task<long> CountHouseholdsThroughAsync(long lastHouseholdId, CancellationToken cancellationToken = default)
    {
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        return Task.FromResult(CountHouseholdsThrough(lastHouseholdId));
    }

    private long CountHouseholdsThrough(long lastHouseholdId) =>
        Convert.ToInt64(connection.ExecuteScalar("SELECT count(*) FROM household WHERE id <= $last", null, ("$last", lastHouseholdId)), CultureInfo.InvariantCulture);

    public Task<IReadOnlyDictionary<string, float[]>> ReadOptionalNumbersAsync(IReadOnlyList<string> names, long throughHouseholdId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var interrupt = SqliteInterrupt.On(connection, cancellationToken);
        return Task.FromResult<IReadOnlyDictionary<string, float[]>>(ReadOptionalNumbers(names, throughHouseholdId));
    }

    private Dictionary<string, float[]> ReadOptionalNumbers(IReadOnlyList<string> names, long throughHouseholdId)
    {
        var own = HouseholdNumberColumns();
        var plain = names.Where(own.Contains).ToList();
        var scores = names.Where(s_scoreFields.Contains).ToList();
        if (plain.Count + scores.Count != names.Count)
            throw new ArgumentException($"unknown optional fields: {string.Join(", ", names.Except(plain).Except(scores))}", nameof(names));
        var count = (int)CountHouseholdsThrough(throughHouseholdId);
        var columns = names.ToDictionary(n => n, _ => new float[count], StringComparer.Ordinal);
        var select = string.Concat(plain.Select(n => $", h.\"{n}\""));
        var scoreColumns = scores.Count > 0 ? ReadScoreColumns() : null;
        var joined = scores.Count > 0 && scoreColumns is null;
        using var cmd = connection.CreateCommand(
            $"SELECT h.id{select}{(joined ? ", s.exposure, s.score" : "")} FROM household h " +
            $"{(joined ? "LEFT JOIN household_score s ON s.household_id = h.id " : "")}WHERE h.id <= $last ORDER BY h.id", null,
            ("$last", throughHouseholdId));
        using var r = cmd.ExecuteReader();
        Span<double> scoreValues = stackalloc double[s_scoreFields.Length];
        var row = 0;
        while (r.Read() && row < count)
        {
            for (var i = 0; i < plain.Count; i++)
                columns[plain[i]][row] = r.IsDBNull(1 + i) ? float.NaN : (float)r.GetDouble(1 + i);
            if (scores.Count > 0)
            {
                if (scoreColumns is not null)
                    scoreColumns.Fill(r.GetInt64(0), scoreValues);
                else
                    ReadScoreFields(r, 1 + plain.Count, scoreValues);
                for (var i = 0; i < s_scoreFields.Length; i++)
                {
                    if (columns.TryGetValue(s_scoreFields[i], out var column))
                        column[row] = (float)scoreValues[i];
                }
            }
            row++;
        }
        return columns;
    }

    /// <summary>
    /// The image's parts read one after the other as one stream. A part whose length changed since the listing
    /// ends the stream early, which the image's length check refuses.
    /// </summary>
    private sealed class ImageStream(SqliteConnection connection, List<(long Part, long Length)> parts, PageCacheLimit cache) : Stream
    {
        private readonly long _length = parts.Sum(p => p.Length);
        private int _next;
        private SqliteBlob? _blob;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            // A stream is not behind the store's boundary either: SQLite's failures are translated here.
            try
            {
                return ReadParts(buffer);
            }
            catch (SqliteException ex) when (SqliteErrors.Translator(ex, connection.DataSource) is { } failure)
            {
                throw failure;
            }
        }

        private int ReadParts(Span<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if (_blob is null)
                {
                    if (_next == parts.Count)
                        return 0;
                    var (part, length) = parts[_next++];
                    _blob = new SqliteBlob(connection, "registry_snapshot", "data", part, readOnly: true);
                    if (_blob.Length != length)
                    {
                        _next = parts.Count;
                        _blob.Dispose();
                        _blob = null;
                        return 0;
                    }
                }
                var read = _blob.Read(buffer);
                if (read > 0)
                {
                    _position += read;
                    return read;
                }
                _blob.Dispose();
                _blob = null;
            }
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _blob?.Dispose();
                _blob = null;
                cache.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The score fields of a newer scoring run stored beside a <see cref="SnapshotImage"/>, so a run replaces two columns
/// (a few MB) instead of rewriting the whole image (~200 MB at 1 M households). Layout: <c>MOSAICSS</c>, format (u32),
/// payload length (u64), XxHash3 of the payload (u64), payload: the stamp of the image it belongs to (its
/// <see cref="SnapshotCoverage"/> and household count), the score run and registry version it brings, the column names,
/// the columns. A section is applied only to the very image it was written for, whole and unaltered; otherwise it is
/// ignored and the image's own (older) score run makes the reader refresh as before: never used stale or torn.
/// </summary>
internal static class SnapshotScoreSection
{
    /// <summary>Changes whenever the layout changes: a section of another format is ignored.</summary>
    public const uint Format = 1;

    private static ReadOnlySpan<byte> Magic => "MOSAICSS"u8;

    private const int HeaderLength = 8 + 4 + 8 + 8;

    /// <summary>The section giving <paramref name="image"/>'s snapshot the columns <paramref name="columns"/> of run <paramref name="now"/>.</summary>
    /// <param name="image">The stamp of the stored image the section belongs to.</param>
    /// <param name="households">The image's household count (every column's length).</param>
    /// <param name="now">The store's coverage the columns are current for (its score run and registry version are kept).</param>
    /// <param name="columns">The replaced optional number columns, by name (each named in the image's optional numbers).</param>
    public static byte[] Write(SnapshotCoverage image, int households, SnapshotCoverage now, IReadOnlyDictionary<string, float[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var (name, values) in columns)
        {
            if (values.Length != households)
                throw new ArgumentException($"column {name} has {values.Length} values for {households} households", nameof(columns));
        }
        return Write(image, households, now, [.. columns.Keys], (into, name) => columns[name].CopyTo(into));
    }

    /// <summary>
    /// As <see cref="Write(SnapshotCoverage, int, SnapshotCoverage, IReadOnlyDictionary{string, float[]})"/>, each
    /// column filled in place by <paramref name="fill"/> (given the column's <paramref name="households"/> values in the
    /// section and its name): a column need not exist as an array of its own beside the section.
    /// </summary>
    public static byte[] Write(SnapshotCoverage image, int households, SnapshotCoverage now, IReadOnlyList<string> names, SpanAction<float, string> fill)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(fill);
        var ordered = names.Order(StringComparer.Ordinal).ToList();
        // The small fields as BinaryWriter writes them, then the columns filled straight into the one section array
        // (sized first): the section is built without a growing buffer and a copy of it.
        var head = Small(w =>
        {
            Stamp(w, image);
            w.Write(households);
            w.Write(now.ScoreRunId);
            w.Write(now.RegistryVersion);
            w.Write(ordered.Count);
        });
        var encoded = ordered.Select(name => Small(w => w.Write(name))).ToList();
        var section = new byte[checked(HeaderLength + head.Length + encoded.Sum(n => n.Length) + (long)ordered.Count * households * sizeof(float))];
        var at = HeaderLength;
        head.CopyTo(section, at);
        at += head.Length;
        for (var c = 0; c < ordered.Count; c++)
        {
            encoded[c].CopyTo(section, at);
            at += encoded[c].Length;
            var bytes = section.AsSpan(at, households * sizeof(float));
            // Unaligned floats are fine: the section is bytes, read back with a copy.
            fill(MemoryMarshal.Cast<byte, float>(bytes), ordered[c]);
            at += bytes.Length;
        }
        var body = section.AsSpan(HeaderLength);
        Magic.CopyTo(section);
        BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(8), Format);
        BinaryPrimitives.WriteUInt64LittleEndian(section.AsSpan(12), (ulong)body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(section.AsSpan(20), XxHash3.HashToUInt64(body));
        return section;
    }

    /// <summary>
    /// <paramref name="snapshot"/> (read from the image stamped <paramref name="image"/>) with the section's columns, and
    /// the coverage it then has (the section's score run and registry version); null when the section is not whole, of
    /// another format, or written for another image. Never throws on bad bytes.
    /// </summary>
    /// <param name="section">The stored section's bytes.</param>
    /// <param name="snapshot">The snapshot read from the image.</param>
    /// <param name="image">The image's stamp.</param>
    /// <param name="columns">False: the section is checked and its stamp applied, but its columns are not copied (a reader that keeps no optional numbers).</param>
    public static (RegistrySnapshot Snapshot, SnapshotCoverage Coverage)? TryApply(byte[] section, RegistrySnapshot snapshot, SnapshotCoverage image, bool columns = true)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(image);
        if (!SnapshotImage.Supported || section.Length < HeaderLength || !section.AsSpan(0, 8).SequenceEqual(Magic) ||
            BinaryPrimitives.ReadUInt32LittleEndian(section.AsSpan(8)) != Format ||
            BinaryPrimitives.ReadUInt64LittleEndian(section.AsSpan(12)) != (ulong)(section.Length - HeaderLength) ||
            BinaryPrimitives.ReadUInt64LittleEndian(section.AsSpan(20)) != XxHash3.HashToUInt64(section.AsSpan(HeaderLength)))
            return null;
        try
        {
            using var r = new BinaryReader(new MemoryStream(section, HeaderLength, section.Length - HeaderLength, writable: false), Encoding.UTF8);
            var stamp = new SnapshotCoverage(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), ReadStrings(r));
            var households = r.ReadInt32();
            if (households != snapshot.HouseholdCount || !Same(stamp, image))
                return null;
            var scoreRun = r.ReadInt64();
            var version = r.ReadInt64();
            var count = r.ReadInt32();
            if (count < 0 || count > image.OptionalNumbers.Count)
                return null;
            var numbers = new Dictionary<string, float[]>(snapshot.ExtraNumbers, StringComparer.Ordinal);
            for (var c = 0; c < count; c++)
            {
                var name = r.ReadString();
                if (!image.OptionalNumbers.Contains(name, StringComparer.Ordinal))
                    return null;
                if (!columns)
                {
                    if (r.BaseStream.Length - r.BaseStream.Position < households * 4L)
                        return null;
                    r.BaseStream.Seek(households * 4L, SeekOrigin.Current);
                    continue;
                }
                var values = new float[households];
                r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
                numbers[name] = values;
            }
            if (r.BaseStream.Position != r.BaseStream.Length)
                return null;
            return (columns ? snapshot.WithExtraNumbers(numbers) : snapshot, image with { ScoreRunId = scoreRun, RegistryVersion = version });
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or IOException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Small(Action<BinaryWriter> write)
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
            write(w);
        return bytes.ToArray();
    }

    private static bool Same(SnapshotCoverage a, SnapshotCoverage b) =>
        a.RegistryVersion == b.RegistryVersion && a.Rewrites == b.Rewrites && a.LastHouseholdId == b.LastHouseholdId &&
        a.ScoreRunId == b.ScoreRunId && a.OptionalNumbers.SequenceEqual(b.OptionalNumbers, StringComparer.Ordinal);

    private static void Stamp(BinaryWriter w, SnapshotCoverage c)
    {
        w.Write(c.RegistryVersion);
        w.Write(c.Rewrites);
        w.Write(c.LastHouseholdId);
        w.Write(c.ScoreRunId);
        w.Write(c.OptionalNumbers.Count);
        foreach (var name in c.OptionalNumbers)
            w.Write(name);
    }

    private static string[] ReadStrings(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count is < 0 or > 4096)
            throw new FormatException("bad name count");
        var names = new string[count];
        for (var i = 0; i < count; i++)
            names[i] = r.ReadString();
        return names;
    }
}

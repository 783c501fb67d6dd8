using System.Data.Common;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The columns of a stored image located by <see cref="SnapshotImage.TryOpenDeferred"/>, read one at a time when a
/// <see cref="RegistrySnapshot"/> first uses them. A column whose bytes do not match its hash — or that can no longer be
/// read (the image was replaced meanwhile: the store's error) — fails with <see cref="SnapshotDamagedException"/>: the caller then reads
/// the image whole, which rebuilds a damaged one (<see cref="RegistrySnapshotLoader.UseAsync{T}"/>).
/// </summary>
internal sealed class DeferredColumns(IRandomAccessImage image, IReadOnlyDictionary<string, (long Offset, int Count, ulong Hash)> columns)
{
    private readonly Lock _read = new();

    /// <summary>The key of an optional household number column (<see cref="RegistrySnapshot.ExtraNumbers"/>).</summary>
    public static string Optional(string name) => "optional:" + name;

    /// <summary>The values of the named column, checked against its hash.</summary>
    public T[] Load<T>(string name) where T : unmanaged
    {
        if (!columns.TryGetValue(name, out var column))
            throw new SnapshotDamagedException($"the stored snapshot has no column {name}");
        var values = new T[column.Count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        try
        {
            // One read at a time: the image's reader keeps a position (parallel tabulation may touch two columns at once).
            lock (_read)
                image.ReadAt(column.Offset, bytes);
        }
        catch (Exception ex) when (ex is IOException or DbException or StoreException or ObjectDisposedException or InvalidOperationException)
        {
            throw new SnapshotDamagedException($"the stored snapshot's column {name} could not be read: {ex.Message}", ex);
        }
        if (XxHash3.HashToUInt64(bytes) != column.Hash)
            throw new SnapshotDamagedException($"the stored snapshot's column {name} does not match its checksum");
        return values;
    }
}

/// <summary>A column of a stored snapshot image read when first used was altered, torn or replaced.</summary>
internal sealed class SnapshotDamagedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotDamagedException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public SnapshotDamagedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public SnapshotDamagedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

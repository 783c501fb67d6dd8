using System.Buffers.Binary;
using Mosaic.Core.Areas;

namespace Mosaic.Core.Tabulation;

internal static partial class SnapshotImage
{
    /// <summary>
    /// The payload's columns in the order <see cref="Write"/> puts them: name (the <see cref="RegistrySnapshot"/>
    /// property), bytes per value, and whether there is one value per person (else per household; PersonStart has one more).
    /// </summary>
    private static readonly (string Name, int Size, bool PerPerson)[] s_layout =
    [
        (nameof(RegistrySnapshot.PersonStart), 4, false), (nameof(RegistrySnapshot.Area), 4, false),
        (nameof(RegistrySnapshot.Dwelling), 1, false), (nameof(RegistrySnapshot.RemittanceChange), 1, false),
        (nameof(RegistrySnapshot.HouseholdFlags), 1, false), (nameof(RegistrySnapshot.Shocks), 1, false),
        (nameof(RegistrySnapshot.HeadSex), 1, false), (nameof(RegistrySnapshot.IncomeBefore), 4, false),
        (nameof(RegistrySnapshot.IncomeNow), 4, false), (nameof(RegistrySnapshot.RemittanceAmount), 4, false),
        (nameof(RegistrySnapshot.HouseholdKey), 4, false), (nameof(RegistrySnapshot.HouseholdId), 8, false),
        (nameof(RegistrySnapshot.ReferenceWelfare), 8, false), (nameof(RegistrySnapshot.Sex), 1, true),
        (nameof(RegistrySnapshot.Age), 1, true), (nameof(RegistrySnapshot.Relation), 1, true),
        (nameof(RegistrySnapshot.MigratoryStatus), 1, true), (nameof(RegistrySnapshot.MoveReason), 1, true),
        (nameof(RegistrySnapshot.PersonFlags), 1, true), (nameof(RegistrySnapshot.PreviousCountry), 2, true),
        (nameof(RegistrySnapshot.MoveMonth), 2, true), (nameof(RegistrySnapshot.PersonKey), 4, true),
    ];

    /// <summary>
    /// The snapshot of a stored image whose columns are read when first used (<see cref="DeferredColumns"/>): here only
    /// the header, the small fields (checked against their hash) and each column's count and hash are read, so a command
    /// that uses five columns of twenty-two reads and allocates those five. Each column is checked against its own hash
    /// as it is read. Null when the image is not whole (lengths), of another format, or its small fields are altered.
    /// The optional number columns are read at once. The caller keeps <paramref name="image"/> open, unchanged, while it
    /// uses the snapshot, and disposes both together; the snapshot is <see cref="RegistrySnapshot.IsPartial"/> (never saved).
    /// </summary>
    public static (RegistrySnapshot Snapshot, SnapshotCoverage Coverage)? TryOpenDeferred(IRandomAccessImage image, IEnumerable<Area> tree)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tree);
        try
        {
            using var stream = new BufferedStream(new ImageAtStream(image), 1 << 12);
            if (ReadHeader(stream, image.Length) is not { } header)
                return null;
            var r = new HashingReader(stream, header.Length) { Start = HeaderLength };
            var (coverage, households, persons, hasKeys, areas, countries) = ReadHead(r, tree);
            var headHash = r.Hash();
            if (r.EndOfHead() != headHash)
                return null;
            var columns = new Dictionary<string, (long Offset, int Count, ulong Hash)>(StringComparer.Ordinal);
            var at = r.Position;
            foreach (var (name, size, perPerson) in s_layout)
                at = Locate(image, at, name, size, perPerson ? persons : households + (name == nameof(RegistrySnapshot.PersonStart) ? 1 : 0), columns);
            foreach (var name in coverage.OptionalNumbers)
                at = Locate(image, at, DeferredColumns.Optional(name), 4, households, columns);
            if (at != HeaderLength + header.Length)
                return null;
            var deferred = new DeferredColumns(image, columns);
            var extras = coverage.OptionalNumbers.ToDictionary(n => n, n => deferred.Load<float>(DeferredColumns.Optional(n)), StringComparer.Ordinal);
            return (new RegistrySnapshot(areas, households, persons)
            {
                Deferred = deferred,
                Countries = countries,
                HasRecordKeys = hasKeys,
                ExtraNumbers = extras,
                IsPartial = true,
            }, coverage);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or EndOfStreamException or InvalidOperationException or OverflowException or
            IOException or SnapshotDamagedException)
        {
            return null;
        }
    }

    /// <summary>Records the column starting at <paramref name="at"/> (its count checked) and returns where the next one starts.</summary>
    private static long Locate(IRandomAccessImage image, long at, string name, int size, int expected,
        Dictionary<string, (long Offset, int Count, ulong Hash)> columns)
    {
        Span<byte> word = stackalloc byte[8];
        image.ReadAt(at, word[..4]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (count != expected)
            throw new FormatException($"column {name} does not have the row count");
        var end = at + 4 + (long)count * size;
        image.ReadAt(end, word);
        columns[name] = (at + 4, count, BinaryPrimitives.ReadUInt64LittleEndian(word));
        return end + 8;
    }
}

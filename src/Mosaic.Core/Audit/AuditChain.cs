using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mosaic.Core.Audit;

/// <summary>
/// The hash chain that makes the audit log tamper-evident (DESIGN §7): each entry stores
/// SHA-256(previous entry's hash ‖ the entry's canonical bytes), the first one chaining to 32 zero bytes. Changing,
/// removing, inserting or reordering an entry breaks every hash after it. Every provider computes it with this
/// class, inside the transaction that appends the entry.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first entry chains to.</summary>
    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[32];

    /// <summary>The hash of an entry that follows an entry with hash <paramref name="previous"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        buffer.Write(previous);
        Field(buffer, entry.Id.ToString(CultureInfo.InvariantCulture));
        Field(buffer, entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        Field(buffer, entry.Actor);
        Field(buffer, entry.Role);
        Field(buffer, entry.Action);
        Field(buffer, entry.Subject);
        Field(buffer, entry.Scope);
        Field(buffer, entry.Households.ToString(CultureInfo.InvariantCulture));
        Field(buffer, entry.Persons.ToString(CultureInfo.InvariantCulture));
        Field(buffer, entry.CommandLine);
        return SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>A length-prefixed UTF-8 field (−1 for null), so no two entries have the same bytes.</summary>
    private static void Field(MemoryStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(length, -1);
            buffer.Write(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}

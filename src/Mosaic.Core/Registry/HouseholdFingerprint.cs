using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mosaic.Core.Registry;

/// <summary>
/// A content fingerprint of a household and its roster (SHA-256 of a canonical binary form), used to tell a
/// re-import of the same submission (skip) from the same submission id with different content (conflict).
/// </summary>
/// <remarks>
/// The canonical form is written field by field into one buffer (length-prefixed UTF-8 strings, fixed-width
/// numbers, a presence byte before every optional value) so that no two different households serialise alike
/// and no per-field strings are allocated: it runs once per imported household, on the import hot path.
/// </remarks>
internal static class HouseholdFingerprint
{
    /// <summary>Bump when the canonical form changes: stored fingerprints of older versions then read as conflicts.</summary>
    private const byte Version = 2;

    public static byte[] Compute(Household h)
    {
        var size = EstimateSize(h);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var w = new Writer(rented);
            w.Byte(Version);
            w.Text(h.SubmissionId);
            w.Text(h.HouseholdCode);
            w.Text(h.AreaPcode);
            w.Long(h.SubmittedAt?.ToUnixTimeSeconds());
            w.Double(h.Gps?.Latitude);
            w.Double(h.Gps?.Longitude);
            w.Double(h.Gps?.Altitude);
            w.Double(h.Gps?.Accuracy);
            w.Long((long?)h.Dwelling);
            w.Double(h.IncomeBefore);
            w.Double(h.IncomeNow);
            w.Bool(h.Remittances);
            w.Double(h.RemittanceAmount);
            w.Long((long?)h.RemittanceChange);
            w.Bool(h.Debt);
            w.Bool(h.Savings);
            w.Bool(h.AssistanceReceived);
            w.Long((long)h.Shocks);
            w.Double(h.ReferenceWelfare);
            w.Long(h.Members.Count);
            foreach (var p in h.Members)
            {
                var wg = p.WashingtonGroup;
                w.Long(p.LineNumber);
                w.Text(p.Name);
                w.Text(p.Phone);
                w.Byte((byte)p.Sex);
                w.Long(p.Age);
                w.Byte((byte)p.Relation);
                w.Byte((byte)p.MigratoryStatus);
                w.Text(p.PreviousCountry);
                w.Text(p.PreviousPcode);
                w.Long(p.MoveDate?.DayNumber);
                w.Long((long?)p.MoveReason);
                w.Long(wg.Seeing);
                w.Long(wg.Hearing);
                w.Long(wg.Walking);
                w.Long(wg.Remembering);
                w.Long(wg.SelfCare);
                w.Long(wg.Communicating);
                w.Bool(p.InSchool);
                w.Bool(p.EmployedBefore);
                w.Bool(p.EmployedNow);
            }
            return SHA256.HashData(rented.AsSpan(0, w.Position));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>An upper bound of the canonical form's length.</summary>
    private static int EstimateSize(Household h)
    {
        var size = 256 + Utf8(h.SubmissionId) + Utf8(h.HouseholdCode) + Utf8(h.AreaPcode);
        foreach (var p in h.Members)
            size += 192 + Utf8(p.Name) + Utf8(p.Phone) + Utf8(p.PreviousCountry) + Utf8(p.PreviousPcode);
        return size;
    }

    private static int Utf8(string? s) => s is null ? 0 : Encoding.UTF8.GetMaxByteCount(s.Length);

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Byte(byte value) => _buffer[Position++] = value;

        public void Bool(bool? value) => Byte(value switch { null => 0, false => 1, true => 2 });

        public void Long(long? value)
        {
            if (value is not { } v)
            {
                Byte(0);
                return;
            }
            Byte(1);
            BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], v);
            Position += 8;
        }

        public void Double(double? value)
        {
            if (value is not { } v)
            {
                Byte(0);
                return;
            }
            Byte(1);
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer[Position..], v);
            Position += 8;
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Byte(0);
                return;
            }
            Byte(1);
            var length = Encoding.UTF8.GetBytes(value, _buffer[(Position + 4)..]);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer[Position..], length);
            Position += 4 + length;
        }
    }
}

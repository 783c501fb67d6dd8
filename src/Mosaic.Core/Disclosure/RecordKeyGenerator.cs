using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// Random record keys for new persons and households (see <see cref="CellKey"/>), from the operating system's
/// cryptographic generator: anyone who could predict keys could undo the noise. Keys are never 0, which marks a
/// record stored before keys existed. One instance per import batch; not thread-safe.
/// </summary>
public sealed class RecordKeyGenerator
{
    private readonly byte[] _buffer = new byte[4096];
    private int _next = 4096;

    /// <summary>The next key, uniform over 1..2³²−1.</summary>
    public uint Next()
    {
        while (true)
        {
            if (_next == _buffer.Length)
            {
                RandomNumberGenerator.Fill(_buffer);
                _next = 0;
            }
            var key = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_next, 4));
            _next += 4;
            if (key != 0)
                return key;
        }
    }
}

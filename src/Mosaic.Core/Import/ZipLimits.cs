using System.Globalization;
using System.IO.Compression;

namespace Mosaic.Core.Import;

/// <summary>
/// Limits on what a zip (an ODK Central export, an XLSX workbook) may expand to, checked from the archive's
/// directory before anything is decompressed, and enforced again while reading in case the directory lies.
/// A real export compresses 5–50×; a zip bomb compresses 1,000× and more.
/// </summary>
internal static class ZipLimits
{
    /// <summary>Largest entry accepted once decompressed (2 GiB: some 10 million person rows of CSV).</summary>
    public const long MaxEntryBytes = 2L << 30;

    /// <summary>Highest compression ratio accepted for an entry larger than <see cref="RatioFloorBytes"/>.</summary>
    public const int MaxRatio = 200;

    /// <summary>Entries smaller than this (64 MiB) are never refused for their ratio: they cannot exhaust memory.</summary>
    public const long RatioFloorBytes = 64L << 20;

    /// <summary>Checks every entry of an archive.</summary>
    /// <exception cref="InputFormatException">An entry expands beyond the limits.</exception>
    public static void Check(ImportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = source.Open();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            // Not a zip at all: the reader that follows says so in its own words.
            stream.Dispose();
            return;
        }
        using (archive)
            Check(archive, source.Name);
    }

    /// <summary>Checks every entry of an open archive.</summary>
    public static void Check(ZipArchive archive, string file)
    {
        foreach (var entry in archive.Entries)
        {
            var length = entry.Length;
            var compressed = Math.Max(entry.CompressedLength, 1);
            if (length > MaxEntryBytes || (length > RatioFloorBytes && length / compressed > MaxRatio))
            {
                throw new InputFormatException(new ImportIssue(file, entry.FullName, 0, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"expands from {compressed:N0} to {length:N0} bytes ({length / compressed:N0}:1), beyond the limits for an export " +
                    $"({MaxEntryBytes:N0} bytes, or {MaxRatio}:1 above {RatioFloorBytes:N0} bytes): a zip bomb or a damaged file")), InputProblem.Limit);
            }
        }
    }

    /// <summary>An entry's decompressed stream that fails past the size its directory declared.</summary>
    public static Stream Open(ZipArchiveEntry entry, string file) =>
        new LimitedReadStream(entry.Open(), Math.Min(entry.Length, MaxEntryBytes), file, entry.FullName);
}

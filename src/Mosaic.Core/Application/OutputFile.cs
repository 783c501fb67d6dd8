namespace Mosaic.Core.Application;

/// <summary>
/// Writes an output file so that it appears whole or not at all: into a temporary file beside the target, then
/// renamed over it. A file with personal data is renamed only after its audit entry is committed, so a kill at any
/// moment leaves either no file or a file with its record.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes through <paramref name="write"/> (given the temporary path) and moves the result to <paramref name="path"/>.</summary>
    public static T Write<T>(string path, Func<string, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        // Same directory, so the rename is atomic; the extension is kept because writers choose the format by it.
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(full)}");
        try
        {
            var result = write(temp);
            File.Move(temp, full, overwrite: true);
            return result;
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}

namespace Mosaic.Core.Import;

/// <summary>
/// An input file as an importer sees it: the name its messages give (and whose extension tells its format) and a
/// way to open its content. Importers never see a path, so the CLI, the server (an upload) and tests feed them alike.
/// </summary>
/// <remarks>
/// <see cref="Open"/> may be called more than once, and a second stream may be open while the first is still read
/// (an ODK zip streams its main and its repeat entry side by side; a registration import may rerun a join).
/// </remarks>
public sealed class ImportSource
{
    private readonly Func<Stream> _open;

    /// <param name="name">File name shown in messages; its extension tells the format.</param>
    /// <param name="open">Opens a fresh, independent, readable stream over the whole content, owned by the caller.</param>
    /// <param name="length">Content length in bytes when known (for progress), else null.</param>
    public ImportSource(string name, Func<Stream> open, long? length = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);
        Name = name;
        _open = open;
        Length = length;
    }

    /// <summary>File name shown in messages.</summary>
    public string Name { get; }

    /// <summary>Content length in bytes, when known.</summary>
    public long? Length { get; }

    /// <summary>The extension of <see cref="Name"/>, lower case with its dot ("" when none).</summary>
    public string Extension => Path.GetExtension(Name).ToLowerInvariant();

    /// <summary>Opens a fresh stream over the content; the caller disposes it.</summary>
    public Stream Open() => _open();

    /// <summary>A file on disk, named in messages by its file name unless <paramref name="name"/> says otherwise.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ImportSource FromFile(string path, string? name = null)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"{path}: file not found", path);
        return new ImportSource(name ?? info.Name, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), info.Length);
    }

    /// <summary>Content held in memory (a test, a small upload).</summary>
    public static ImportSource FromBytes(string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new ImportSource(name, () => new MemoryStream(content, writable: false), content.Length);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

namespace Mosaic.Core.Files;

/// <summary>
/// An output file written safely: the content goes to a temporary file in the target folder, which
/// <see cref="Commit"/> renames into place, so a reader never sees half a file, an interrupted command leaves
/// nothing behind, and a symbolic link at the target is replaced rather than written through. The database and
/// its companion files are never a valid target, and an existing file is replaced only when asked.
/// </summary>
public sealed class OutputFile : IDisposable
{
    // SQLite keeps a database's state in these companion files too.
    private static readonly string[] s_companions = ["", "-wal", "-shm", "-journal"];

    private bool _committed;

    private OutputFile(string path, string temporaryPath, bool replace)
    {
        Path = path;
        TemporaryPath = temporaryPath;
        Replace = replace;
    }

    /// <summary>The full path the file will have once committed.</summary>
    public string Path { get; }

    /// <summary>Where the content is written until <see cref="Commit"/>; same folder and extension as <see cref="Path"/>.</summary>
    public string TemporaryPath { get; }

    /// <summary>Whether an existing file at <see cref="Path"/> may be replaced.</summary>
    public bool Replace { get; }

    /// <summary>Checks the target and reserves a temporary file beside it.</summary>
    /// <param name="path">Output path as the user gave it.</param>
    /// <param name="replace">Replace an existing file (otherwise an existing file is an error).</param>
    /// <param name="protectedFiles">Files that must never be overwritten, e.g. the database (its -wal, -shm and -journal files are added).</param>
    /// <exception cref="OutputFileException">The target is not a place to write to.</exception>
    public static OutputFile Begin(string path, bool replace, IEnumerable<string> protectedFiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(protectedFiles);
        var full = System.IO.Path.GetFullPath(path);
        foreach (var file in protectedFiles)
        {
            var guarded = System.IO.Path.GetFullPath(file);
            foreach (var suffix in s_companions)
            {
                // Case-insensitive: on Windows and macOS a differently cased name is the same file.
                if (string.Equals(full, guarded + suffix, StringComparison.OrdinalIgnoreCase))
                    throw new OutputFileException(OutputFileProblem.Protected, full, $"{path} is the database{(suffix.Length > 0 ? " (its " + suffix + " file)" : "")}: writing there would destroy it; choose another file");
            }
        }
        if (Directory.Exists(full))
            throw new OutputFileException(OutputFileProblem.IsFolder, full, $"{path} is a folder; give a file name");
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new OutputFileException(OutputFileProblem.NoFolder, full, $"cannot write {path}: the folder {folder} does not exist");
        if (!replace && (File.Exists(full) || new FileInfo(full).LinkTarget is not null))
            throw new OutputFileException(OutputFileProblem.Exists, full, $"{path} already exists");
        var temporary = System.IO.Path.Combine(folder,
            "." + System.IO.Path.GetFileNameWithoutExtension(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".partial" + System.IO.Path.GetExtension(full));
        try
        {
            // Reserve the name so no other writer picks it; the writer opens it again to fill it.
            using (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new OutputFileException(OutputFileProblem.NotWritable, full, $"cannot write {path}: no permission to write in {folder}");
        }
        return new OutputFile(full, temporary, replace);
    }

    /// <summary>Opens the temporary file for writing (truncating it); readable too, as XLSX packages need.</summary>
    public FileStream OpenWrite() =>
        new(TemporaryPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);

    /// <summary>Moves the finished file into place. Without <see cref="Replace"/>, fails if a file appeared there meanwhile.</summary>
    /// <exception cref="OutputFileException">A file appeared at the target meanwhile.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        try
        {
            File.Move(TemporaryPath, Path, overwrite: Replace);
        }
        catch (IOException) when (!Replace && File.Exists(Path))
        {
            throw new OutputFileException(OutputFileProblem.Exists, Path, $"{Path} already exists");
        }
        _committed = true;
    }

    /// <summary>Removes the temporary file unless the output was committed.</summary>
    public void Dispose()
    {
        if (_committed)
            return;
        _committed = true;
        try
        {
            File.Delete(TemporaryPath);
        }
        catch (IOException)
        {
            // Nothing more to do: a leftover hidden .partial file is harmless and named as such.
        }
    }
}

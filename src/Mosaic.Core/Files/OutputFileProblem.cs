namespace Mosaic.Core.Files;

/// <summary>Why an output file cannot be written where asked.</summary>
public enum OutputFileProblem
{
    /// <summary>A file already exists there and replacing was not asked for.</summary>
    Exists,

    /// <summary>The target is the database or one of its companion files.</summary>
    Protected,

    /// <summary>The target's folder does not exist.</summary>
    NoFolder,

    /// <summary>The target is a folder.</summary>
    IsFolder,

    /// <summary>The folder cannot be written to.</summary>
    NotWritable,
}

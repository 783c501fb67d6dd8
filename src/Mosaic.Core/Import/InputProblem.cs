namespace Mosaic.Core.Import;

/// <summary>What kind of problem stops an input from being read, so that a front end can add its own hint.</summary>
public enum InputProblem
{
    /// <summary>The file's structure is broken (quotes, field counts, a damaged workbook or JSON).</summary>
    Structure,

    /// <summary>The bytes are not valid in the expected text encoding.</summary>
    Encoding,

    /// <summary>A safety limit was exceeded (decompressed size, cell size, nesting depth).</summary>
    Limit,

    /// <summary>The file asks for something refused for safety (an XML DTD or external entity).</summary>
    Unsafe,
}

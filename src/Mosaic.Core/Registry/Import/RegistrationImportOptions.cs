namespace Mosaic.Core.Registry.Import;

/// <summary>Options of a registration import.</summary>
/// <param name="SkipInvalid">Store the valid households and report the rest, instead of storing nothing when any row is rejected.</param>
/// <param name="Progress">Called now and then with rows and bytes read (for a progress bar).</param>
public sealed record RegistrationImportOptions(bool SkipInvalid = false, Action<RegistrationProgress>? Progress = null)
{
    /// <summary>
    /// P-code of the only area (with its subtree) households may be imported into, for an importer whose account is
    /// limited to it; a household of another area is a rejected row naming the scope. Null: any known area.
    /// </summary>
    public string? AreaScope { get; init; }
}

/// <summary>How far an import has read.</summary>
public readonly record struct RegistrationProgress(long RowsRead, long BytesRead, long TotalBytes);

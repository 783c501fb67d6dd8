using Mosaic.Core.Import;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Hazards.Import;

/// <summary>
/// Imports a hazard file (GeoJSON, Shapefile, …) as a layer, replacing a stored layer of the same type and name. The
/// commit policy: nothing is stored when the file has no usable polygon, nor when any feature was rejected unless
/// <see cref="HazardImportRequest.SkipInvalid"/>; otherwise the valid polygons replace the layer in one transaction.
/// </summary>
public static class HazardImporter
{
    /// <summary>Reads the request's file and stores its layer under the commit policy above; the result says what was
    /// stored and lists every rejected feature.</summary>
    /// <param name="store">Where the layer is stored.</param>
    /// <param name="request">The file and how it is read.</param>
    /// <param name="cancellationToken">Stops the import; nothing is stored when it stops before the commit.</param>
    public static async Task<HazardImportResult> ImportAsync(IHazardStore store, HazardImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var file = HazardFileReader.Read(request.Source, request.Type, request.LayerName, request.SeverityProperty, request.Encoding);
        var layer = file.Layer with { ValidFrom = request.ValidFrom, ValidTo = request.ValidTo };
        var commit = layer.Polygons.Count > 0 && (file.Issues.Count == 0 || request.SkipInvalid);
        var replaced = commit && await store.ReplaceLayerAsync(layer, cancellationToken);
        return new HazardImportResult(layer, commit, replaced, file.Repaired, file.Issues);
    }
}

/// <summary>A hazard file to import.</summary>
/// <param name="Source">The file.</param>
/// <param name="Type">The hazard the layer describes.</param>
/// <param name="LayerName">The layer's name (null: from the file name).</param>
/// <param name="SeverityProperty">The feature property holding the severity (null: the default names).</param>
/// <param name="SkipInvalid">Store the valid polygons even when some features were rejected.</param>
public sealed record HazardImportRequest(ImportSource Source, HazardType Type, string? LayerName = null, string? SeverityProperty = null, bool SkipInvalid = false)
{
    /// <summary>First day the layer applies (null: always).</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Last day the layer applies (null: still).</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>The file's text encoding when it is not UTF-8 (null: UTF-8; a byte-order mark wins).</summary>
    public System.Text.Encoding? Encoding { get; init; }
}

/// <summary>What a hazard import did.</summary>
/// <param name="Layer">The layer as read (valid polygons only), with its validity dates.</param>
/// <param name="Committed">Whether it was stored.</param>
/// <param name="Replaced">Whether it replaced a stored layer of the same type and name.</param>
/// <param name="Repaired">Features whose invalid geometry was repaired.</param>
/// <param name="Issues">Rejected features and file-level problems.</param>
public sealed record HazardImportResult(HazardLayer Layer, bool Committed, bool Replaced, int Repaired, IReadOnlyList<ImportIssue> Issues);

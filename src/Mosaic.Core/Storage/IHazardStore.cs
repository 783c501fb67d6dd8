using Mosaic.Core.Hazards;

namespace Mosaic.Core.Storage;

/// <summary>Hazard layers (DESIGN §2): polygons with a type and a severity.</summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>), a cancelled write commits nothing,
/// and the unit of work stays usable. The rules of <see cref="IMosaicStore"/> apply (one caller at a time).
/// </remarks>
public interface IHazardStore
{
    /// <summary>
    /// Stores a layer in one transaction, replacing a stored layer of the same type and name (so re-importing
    /// a file changes nothing but the import time).
    /// </summary>
    /// <param name="layer">The layer with its polygons.</param>
    /// <param name="cancellationToken">Stops the write before its commit: the stored layers stay as they were.</param>
    /// <returns>Whether a layer was replaced.</returns>
    Task<bool> ReplaceLayerAsync(HazardLayer layer, CancellationToken cancellationToken = default);

    /// <summary>Every stored layer with its polygons, read in one call.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<HazardLayer>> ReadLayersAsync(CancellationToken cancellationToken = default);

    /// <summary>Layers without polygons: type, name, source and polygon count.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<HazardLayerSummary>> ListLayersAsync(CancellationToken cancellationToken = default);
}

/// <summary>A stored layer, summarised.</summary>
/// <param name="Type">The hazard.</param>
/// <param name="Name">The layer's name.</param>
/// <param name="Source">Where it came from (a file name).</param>
/// <param name="Polygons">Its number of polygons.</param>
/// <param name="ImportedAt">When it was stored.</param>
public sealed record HazardLayerSummary(HazardType Type, string Name, string Source, int Polygons, DateTimeOffset ImportedAt);

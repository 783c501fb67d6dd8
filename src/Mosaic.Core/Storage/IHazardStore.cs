using Mosaic.Core.Hazards;

namespace Mosaic.Core.Storage;

/// <summary>Hazard layers (DESIGN §2): polygons with a type and a severity.</summary>
public interface IHazardStore
{
    /// <summary>
    /// Stores a layer in one transaction, replacing a stored layer of the same type and name (so re-importing
    /// a file changes nothing but the import time).
    /// </summary>
    /// <returns>Whether a layer was replaced.</returns>
    bool ReplaceLayer(HazardLayer layer);

    /// <summary>Every stored layer with its polygons.</summary>
    IReadOnlyList<HazardLayer> ReadLayers();

    /// <summary>Layers without polygons: type, name, source and polygon count.</summary>
    IReadOnlyList<HazardLayerSummary> ListLayers();
}

/// <summary>A stored layer, summarised.</summary>
public sealed record HazardLayerSummary(HazardType Type, string Name, string Source, int Polygons, DateTimeOffset ImportedAt);

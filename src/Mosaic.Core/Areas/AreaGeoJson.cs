using System.Text.Json;
using Mosaic.Core.Geo;
using NetTopologySuite.Features;

namespace Mosaic.Core.Areas;

/// <summary>
/// Areas as a GeoJSON FeatureCollection whose features carry <c>pcode</c>, <c>name</c>, <c>level</c> and
/// <c>parent_pcode</c> (the shape <c>mosaic import areas</c> reads back): the dashboard's map and the GeoJSON export.
/// </summary>
public static class AreaGeoJson
{
    /// <summary>Writes the areas that have a boundary; areas without one are left out.</summary>
    public static void Write(IEnumerable<Area> areas, Stream output)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var features = new FeatureCollection();
        foreach (var a in areas)
        {
            if (a.Boundary is null)
                continue;
            features.Add(new Feature(a.Boundary, new AttributesTable
            {
                { "pcode", a.Pcode },
                { "name", a.Name },
                { "level", a.Level },
                { "parent_pcode", a.ParentPcode },
            }));
        }
        JsonSerializer.Serialize(output, features, GeoJson.Options);
    }
}

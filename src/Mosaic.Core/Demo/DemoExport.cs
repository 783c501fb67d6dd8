using Mosaic.Core.Hazards;
using Mosaic.Core.Registry.Export;

namespace Mosaic.Core.Demo;

/// <summary>
/// The demo's data as the files a field team would import: the P-code table and boundaries, one GeoJSON per hazard
/// layer, and the households as a KoboToolbox export (see <see cref="KoboExportWriter"/>). Importing them into an
/// empty database rebuilds the demo's registry.
/// </summary>
public static class DemoExport
{
    /// <summary>Units of work <see cref="Write"/> reports, for a progress bar spanning the demo and its export.</summary>
    public static long Work(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return 2L * options.Households;
    }

    /// <param name="progress">Called with the work done so far, out of <see cref="Work"/>.</param>
    public static KoboExportResult Write(string directory, DemoGenerator demo, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(demo);
        AreaExportWriter.Write(directory, demo.Areas());
        foreach (var layer in DemoHazardsStep.Layers(demo.Options))
            HazardDemo.WriteGeoJson(layer, Path.Combine(directory, HazardTypes.Codes[layer.Type] + ".geojson"));
        return KoboExportWriter.Write(directory, demo.Households(), progress);
    }
}

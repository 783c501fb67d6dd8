using Mosaic.Core.Import;

namespace Mosaic.Core.Hazards.Import;

/// <summary>What a hazard file held: the layer (valid polygons only) and every rejected feature.</summary>
/// <param name="Layer">The layer, with the polygons that passed validation.</param>
/// <param name="Issues">Rejected features or file-level problems.</param>
/// <param name="Repaired">Features whose invalid geometry (e.g. a self-intersecting ring) was repaired.</param>
public sealed record HazardFile(HazardLayer Layer, IReadOnlyList<ImportIssue> Issues, int Repaired);

using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Targeting;

/// <summary>A scored household considered for targeting.</summary>
internal sealed record TargetCandidate(Household Household, StoredScore Score);

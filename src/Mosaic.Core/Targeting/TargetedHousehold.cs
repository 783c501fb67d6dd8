using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Targeting;

/// <summary>One line of a target list.</summary>
/// <param name="TargetRank">Position on the list (1 = first), in overall rank order.</param>
/// <param name="Household">The household (its listed fields).</param>
/// <param name="Score">Its stored score, rank and explanation.</param>
/// <param name="QuotaArea">P-code of the area whose quota it fills.</param>
public sealed record TargetedHousehold(int TargetRank, ListedHousehold Household, StoredScore Score, string QuotaArea);

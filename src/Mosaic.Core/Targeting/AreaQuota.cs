namespace Mosaic.Core.Targeting;

/// <summary>An area's quota.</summary>
/// <param name="Pcode">Quota area.</param>
/// <param name="Eligible">Eligible households in it.</param>
/// <param name="Priority">Eligible high/extreme households in it.</param>
/// <param name="Quota">Households targeted in it.</param>
public sealed record AreaQuota(string Pcode, int Eligible, int Priority, int Quota);

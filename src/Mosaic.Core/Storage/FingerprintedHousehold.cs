using Mosaic.Core.Registry;

namespace Mosaic.Core.Storage;

/// <summary>A validated household with its content fingerprint (the one fingerprint scheme, hashing wire codes).</summary>
/// <param name="Household">The household and its members.</param>
/// <param name="Fingerprint">Its content fingerprint: equal fingerprints under one submission id make a duplicate.</param>
public readonly record struct FingerprintedHousehold(Household Household, byte[] Fingerprint)
{
    /// <summary>The household with its fingerprint computed.</summary>
    internal static FingerprintedHousehold Of(Household household) => new(household, HouseholdFingerprint.Compute(household));
}

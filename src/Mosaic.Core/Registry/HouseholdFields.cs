namespace Mosaic.Core.Registry;

/// <summary>
/// Which optional fields a household read fills. Names and phones are never among them: they leave a store only
/// through <see cref="Storage.IRegistryStore.ReadContactsAsync"/>, which writes an audit entry.
/// </summary>
[Flags]
public enum HouseholdFields
{
    /// <summary>Everything but personal data: no names, no phones, no GPS point.</summary>
    Standard = 0,

    /// <summary>
    /// Also the exact GPS point, for computing hazard exposure inside Mosaic (scoring). What is computed from it may
    /// leave; the point itself must never be written to an output.
    /// </summary>
    Location = 1,
}

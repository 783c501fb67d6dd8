namespace Mosaic.Core.Registry;

/// <summary>
/// Migratory status of a person (IOM disaggregation guidance, EGRISS). Codes are fixed; see
/// <see cref="Codes"/> for the wire form (<c>non_migrant</c>, <c>idp</c>, …).
/// </summary>
public enum MigratoryStatus : byte
{
    Unknown = 0,
    NonMigrant = 1,
    InternalMigrant = 2,
    Idp = 3,
    IdpReturnee = 4,
    Returnee = 5,
    InternationalMigrant = 6,
    Refugee = 7,
    Stateless = 8,

    /// <summary>Household member now living abroad: counted, but not part of the resident population.</summary>
    Emigrant = 9,
}

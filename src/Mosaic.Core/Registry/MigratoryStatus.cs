namespace Mosaic.Core.Registry;

/// <summary>
/// Migratory status of a person (IOM disaggregation guidance, EGRISS). Codes are fixed; see
/// <see cref="Codes"/> for the wire form (<c>non_migrant</c>, <c>idp</c>, …).
/// </summary>
public enum MigratoryStatus : byte
{
    /// <summary>Not recorded (<c>unknown</c>).</summary>
    Unknown = 0,
    /// <summary>Has not moved (<c>non_migrant</c>).</summary>
    NonMigrant = 1,
    /// <summary>Moved within the country, not displaced (<c>internal_migrant</c>).</summary>
    InternalMigrant = 2,
    /// <summary>Internally displaced person (<c>idp</c>).</summary>
    Idp = 3,
    /// <summary>Formerly internally displaced, returned to the area of origin (<c>idp_returnee</c>).</summary>
    IdpReturnee = 4,
    /// <summary>National returned from abroad (<c>returnee</c>).</summary>
    Returnee = 5,
    /// <summary>Came from another country, not as a refugee (<c>international_migrant</c>).</summary>
    InternationalMigrant = 6,
    /// <summary>Refugee or asylum-seeker (<c>refugee</c>).</summary>
    Refugee = 7,
    /// <summary>Stateless person (<c>stateless</c>).</summary>
    Stateless = 8,

    /// <summary>Household member now living abroad: counted, but not part of the resident population.</summary>
    Emigrant = 9,
}

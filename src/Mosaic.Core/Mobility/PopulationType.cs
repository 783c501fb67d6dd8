namespace Mosaic.Core.Mobility;

/// <summary>
/// A mobile population counted by a location assessment. Codes (see <see cref="MobilityCodes.PopulationType"/>)
/// match the registry's migratory status codes, so key-informant estimates and registered persons line up.
/// </summary>
public enum PopulationType : byte
{
    /// <summary>Internally displaced persons.</summary>
    Idp = 1,

    /// <summary>Former IDPs who returned to their place of origin.</summary>
    IdpReturnee = 2,

    /// <summary>Nationals returned from abroad.</summary>
    Returnee = 3,

    /// <summary>Migrants from another country who are not refugees.</summary>
    InternationalMigrant = 4,

    /// <summary>Refugees and asylum-seekers.</summary>
    Refugee = 5,
}

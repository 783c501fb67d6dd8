namespace Mosaic.Core.Demo;

/// <summary>The migration story of a generated household: it decides members' statuses and much of its economy.</summary>
internal enum DemoHouseholdKind
{
    /// <summary>Host household: nobody moved recently (a married-in spouse may be an internal migrant).</summary>
    Host,

    /// <summary>A worker came back from the Gulf or Malaysia in 2026, mostly after losing the job.</summary>
    Returnee,

    /// <summary>Displaced by riverbank erosion or floods from another (mostly char) village.</summary>
    Idp,

    /// <summary>Back in the home village after a displacement.</summary>
    IdpReturnee,

    /// <summary>Came from another district (often back from the garment belt around Dhaka after a job loss).</summary>
    InternalMigrant,

    /// <summary>A spouse from India or Nepal married into the household.</summary>
    InternationalMigrant,

    /// <summary>A very rare refugee family from Myanmar.</summary>
    Refugee,
}

namespace Mosaic.Core.Mobility;

/// <summary>Kind of traveller observed at a flow monitoring point.</summary>
public enum TravellerType : byte
{
    /// <summary>Not recorded.</summary>
    Unknown = 0,

    /// <summary>Informal cross-border trader.</summary>
    InformalTrader = 1,

    /// <summary>Seasonal or circular labour migrant.</summary>
    MigrantWorker = 2,

    /// <summary>National returning from abroad.</summary>
    Returnee = 3,

    /// <summary>Person fleeing (displaced, refugee, asylum-seeker).</summary>
    Displaced = 4,

    /// <summary>Border-area resident on a short visit (family, market, services).</summary>
    Resident = 5,

    /// <summary>Tourist or other short-term visitor from afar.</summary>
    Tourist = 6,
    /// <summary>Any other traveller.</summary>
    Other = 7,
}

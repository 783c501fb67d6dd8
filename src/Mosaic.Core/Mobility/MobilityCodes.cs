using Mosaic.Core.Registry;

namespace Mosaic.Core.Mobility;

/// <summary>Wire codes of the mobility choice lists (files, database, exports).</summary>
public static class MobilityCodes
{
    /// <summary>Population type codes, the registry's migratory status codes: <c>idp</c>, <c>idp_returnee</c>,
    /// <c>returnee</c>, <c>international_migrant</c>, <c>refugee</c>.</summary>
    public static CodeList<PopulationType> PopulationType { get; } = new(
        (Mobility.PopulationType.Idp, "idp"),
        (Mobility.PopulationType.IdpReturnee, "idp_returnee"),
        (Mobility.PopulationType.Returnee, "returnee"),
        (Mobility.PopulationType.InternationalMigrant, "international_migrant"),
        (Mobility.PopulationType.Refugee, "refugee"));

    /// <summary>DTM assessment type codes: <c>BA</c> (baseline area), <c>VA</c> (village), <c>SA</c> (site), <c>ETT</c>
    /// (emergency event tracking).</summary>
    public static CodeList<AssessmentType> AssessmentType { get; } = new(
        (Mobility.AssessmentType.BaselineArea, "BA"),
        (Mobility.AssessmentType.Village, "VA"),
        (Mobility.AssessmentType.Site, "SA"),
        (Mobility.AssessmentType.EmergencyEvent, "ETT"));

    /// <summary>How an assessed location was linked to an area: <c>pcode</c>, <c>name</c> (by name only) or
    /// <c>unknown</c>.</summary>
    public static CodeList<AreaMatch> AreaMatch { get; } = new(
        (Mobility.AreaMatch.Unknown, "unknown"), (Mobility.AreaMatch.Pcode, "pcode"), (Mobility.AreaMatch.NameOnly, "name"));

    /// <summary>Crossing direction codes: <c>in</c>, <c>out</c>.</summary>
    public static CodeList<FlowDirection> Direction { get; } = new(
        (FlowDirection.In, "in"), (FlowDirection.Out, "out"));

    /// <summary>Codes of the reason for a crossing (<c>trade</c>, <c>work</c>, <c>family</c>, <c>return</c>,
    /// <c>displacement</c>, <c>other</c>, <c>unknown</c>).</summary>
    public static CodeList<FlowReason> Reason { get; } = new(
        (FlowReason.Trade, "trade"), (FlowReason.Work, "work"), (FlowReason.Family, "family"),
        (FlowReason.Return, "return"), (FlowReason.Displacement, "displacement"), (FlowReason.Other, "other"),
        (FlowReason.Unknown, "unknown"));

    /// <summary>Transport mode codes (<c>foot</c>, <c>boat</c>, <c>bus</c>, … <c>unknown</c>).</summary>
    public static CodeList<TransportMode> Transport { get; } = new(
        (TransportMode.Foot, "foot"), (TransportMode.Boat, "boat"), (TransportMode.Bus, "bus"), (TransportMode.Car, "car"),
        (TransportMode.Truck, "truck"), (TransportMode.Motorbike, "motorbike"), (TransportMode.Bicycle, "bicycle"),
        (TransportMode.Train, "train"), (TransportMode.Plane, "plane"), (TransportMode.Other, "other"),
        (TransportMode.Unknown, "unknown"));

    /// <summary>Traveller type codes (<c>informal_trader</c>, <c>migrant_worker</c>, … <c>unknown</c>).</summary>
    public static CodeList<TravellerType> TravellerType { get; } = new(
        (Mobility.TravellerType.InformalTrader, "informal_trader"), (Mobility.TravellerType.MigrantWorker, "migrant_worker"),
        (Mobility.TravellerType.Returnee, "returnee"), (Mobility.TravellerType.Displaced, "displaced"),
        (Mobility.TravellerType.Resident, "resident"), (Mobility.TravellerType.Tourist, "tourist"),
        (Mobility.TravellerType.Other, "other"), (Mobility.TravellerType.Unknown, "unknown"));

    /// <summary>Flow monitoring point type codes (<c>land_border</c>, <c>river_border</c>, <c>sea_border</c>,
    /// <c>airport</c>, <c>transit_centre</c>, <c>bus_station</c>).</summary>
    public static CodeList<FlowPointType> PointType { get; } = new(
        (FlowPointType.LandBorder, "land_border"), (FlowPointType.RiverBorder, "river_border"),
        (FlowPointType.SeaBorder, "sea_border"), (FlowPointType.Airport, "airport"),
        (FlowPointType.TransitCentre, "transit_centre"), (FlowPointType.BusStation, "bus_station"));

    /// <summary>
    /// Parses an assessment type, accepting DTM's variants (<c>B2</c> for village, <c>MSLA</c> for site,
    /// <c>ET</c> for emergency tracking) and any letter case.
    /// </summary>
    public static bool TryParseAssessmentType(string? code, out AssessmentType type)
    {
        var c = code?.Trim().ToUpperInvariant();
        switch (c)
        {
            case "B2":
                type = Mobility.AssessmentType.Village;
                return true;
            case "MSLA":
                type = Mobility.AssessmentType.Site;
                return true;
            case "ET":
                type = Mobility.AssessmentType.EmergencyEvent;
                return true;
            default:
                return AssessmentType.TryParse(c, out type);
        }
    }
}

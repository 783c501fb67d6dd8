namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Field names of DTM API v3 displacement records, which the HDX CSV uses as its column headers too, and the
/// HXL tags of the HDX file (<c>global-iom-dtm-from-api-admin-0-to-2.csv</c>), in the file's column order.
/// </summary>
internal static class DtmFields
{
    public const string Id = "id";
    public const string Operation = "operation";
    public const string Admin0Name = "admin0Name";
    public const string Admin0Pcode = "admin0Pcode";
    public const string Admin1Name = "admin1Name";
    public const string Admin1Pcode = "admin1Pcode";
    public const string Admin2Name = "admin2Name";
    public const string Admin2Pcode = "admin2Pcode";
    public const string AdminLevel = "adminLevel";
    public const string Idps = "numPresentIdpInd";
    public const string ReportingDate = "reportingDate";
    public const string Year = "yearReportingDate";
    public const string Month = "monthReportingDate";
    public const string Round = "roundNumber";
    public const string Reason = "displacementReason";
    public const string Males = "numberMales";
    public const string Females = "numberFemales";
    public const string OriginName = "idpOriginAdmin1Name";
    public const string OriginPcode = "idpOriginAdmin1Pcode";
    public const string AssessmentType = "assessmentType";
    public const string OperationStatus = "operationStatus";

    /// <summary>Mosaic's extension for locations below admin level 2 (villages, sites): written only when needed.</summary>
    public const string LocationPcode = "locationPcode";

    /// <summary>Name of a location below admin level 2.</summary>
    public const string LocationName = "locationName";

    /// <summary>HXL tags of the extension columns.</summary>
    public static IReadOnlyList<(string Column, string Tag)> LocalColumns { get; } = [(LocationPcode, "#loc+code"), (LocationName, "#loc+name")];

    /// <summary>DTM's placeholder for an unknown origin.</summary>
    public const string NotAvailable = "Not available";

    /// <summary>The HDX file's columns with their HXL tags, in order.</summary>
    public static IReadOnlyList<(string Column, string Tag)> HdxColumns { get; } =
    [
        (Id, "#id+code"), (Operation, "#operation+name"), (Admin0Name, "#country+name"), (Admin0Pcode, "#country+code"),
        (Admin1Name, "#adm1+name"), (Admin1Pcode, "#adm1+code"), (Admin2Name, "#adm2+name"), (Admin2Pcode, "#adm2+code"),
        (AdminLevel, "#adm+level"), (Idps, "#affected+idps"), (ReportingDate, "#date+reported"),
        (Year, "#date+year+reported"), (Month, "#date+month+reported"), (Round, "#round+code"), (Reason, "#cause+type"),
        (Males, "#affected+idps+m"), (Females, "#affected+idps+f"), (OriginName, "#adm1+name+origin"),
        (OriginPcode, "#adm1+code+origin"), (AssessmentType, "#assessment+type"), (OperationStatus, "#operation+status"),
    ];
}

namespace Mosaic.Core.Mobility;

/// <summary>
/// Where an assessment was made, exactly as the source names it: the admin codes and names of levels 0–2
/// (the DTM layout) and, for finer locations (villages, sites), the location's own code and name.
/// </summary>
/// <param name="AdminLevel">Level of the location (0 = country; 3+ for sub-district areas, villages and sites).</param>
public sealed record AssessmentLocation(
    int AdminLevel,
    string? Admin0Pcode,
    string? Admin0Name,
    string? Admin1Pcode = null,
    string? Admin1Name = null,
    string? Admin2Pcode = null,
    string? Admin2Name = null)
{
    /// <summary>Code of a location below admin level 2 (village, site), when there is one.</summary>
    public string? LocalPcode { get; init; }

    /// <summary>Name of a location below admin level 2, when there is one.</summary>
    public string? LocalName { get; init; }

    /// <summary>The code of the location itself: the deepest code given.</summary>
    public string? Pcode => LocalPcode ?? (AdminLevel switch
    {
        0 => Admin0Pcode,
        1 => Admin1Pcode,
        _ => Admin2Pcode ?? Admin1Pcode ?? Admin0Pcode,
    });

    /// <summary>The name of the location itself: the deepest name given.</summary>
    public string? Name => LocalName ?? (AdminLevel switch
    {
        0 => Admin0Name,
        1 => Admin1Name,
        _ => Admin2Name ?? Admin1Name ?? Admin0Name,
    });

    /// <summary>The admin code the source gives for a level 0–2, or null.</summary>
    public string? AdminPcode(int level) => level switch
    {
        0 => Admin0Pcode,
        1 => Admin1Pcode,
        2 => Admin2Pcode,
        _ => level == AdminLevel ? LocalPcode : null,
    };
}

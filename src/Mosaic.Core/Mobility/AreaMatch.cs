namespace Mosaic.Core.Mobility;

/// <summary>How an imported location was linked to an area of the P-code tree.</summary>
public enum AreaMatch : byte
{
    /// <summary>Not linked: the P-code is unknown and no area has the name. The record is kept and reported.</summary>
    Unknown = 0,

    /// <summary>The P-code is an area of the tree.</summary>
    Pcode = 1,

    /// <summary>The P-code is unknown but exactly one area of the same country and level has the name (reported).</summary>
    NameOnly = 2,
}

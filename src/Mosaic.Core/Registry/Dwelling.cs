namespace Mosaic.Core.Registry;

/// <summary>Type of dwelling the household lives in.</summary>
public enum Dwelling : byte
{
    /// <summary>A permanent structure (<c>permanent</c>).</summary>
    Permanent = 1,
    /// <summary>A semi-permanent structure (<c>semi_permanent</c>).</summary>
    SemiPermanent = 2,
    /// <summary>A temporary shelter (<c>temporary</c>).</summary>
    Temporary = 3,
    /// <summary>No dwelling (<c>none</c>).</summary>
    None = 4,
}

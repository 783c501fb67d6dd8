namespace Mosaic.Core.Registry.Import;

/// <summary>How household and member rows were joined.</summary>
public enum JoinMode
{
    /// <summary>Both streams read once side by side (members grouped by household, in household order): flat memory.</summary>
    Merge,

    /// <summary>Members read into memory first, then matched by link: any order, memory grows with the member count.</summary>
    Buffered,
}

namespace Mosaic.Core.Disclosure;

/// <summary>How secondary suppression chooses the cells that protect the primary ones.</summary>
public enum SecondaryMethod
{
    /// <summary>Fast: one valid hypercube per primary cell, chosen greedily (large tables, interactive use).</summary>
    Hypercube = 0,

    /// <summary>A mixed-integer programme that picks the cheapest set of valid hypercubes for all primary cells jointly.</summary>
    Optimal = 1,
}

namespace Mosaic.Core.Disclosure;

/// <summary>Why a cell is primary-suppressed (the first rule that fired; kept inside Mosaic, never published).</summary>
internal enum SuppressionReason : byte
{
    None = 0,

    /// <summary>Fewer than K contributors (persons or households).</summary>
    Frequency = 1,

    /// <summary>A person cell whose contributors come from fewer than the required number of households.</summary>
    Households = 2,

    /// <summary>Dominance (n,k): the n largest contributions make k% or more of a sum.</summary>
    Dominance = 3,

    /// <summary>p% rule: the rest of the cell (all but the two largest) is less than p% of the largest.</summary>
    PPercent = 4,

    /// <summary>A share whose numerator has fewer than K contributors.</summary>
    Numerator = 5,

    /// <summary>A share whose complement (denominator minus numerator) has fewer than K contributors.</summary>
    Complement = 6,
}

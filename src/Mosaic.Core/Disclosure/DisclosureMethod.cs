namespace Mosaic.Core.Disclosure;

/// <summary>How a table is protected before it leaves Mosaic.</summary>
public enum DisclosureMethod
{
    /// <summary>Exact, additive tables: small cells and the cells protecting them are suppressed (the default).</summary>
    Suppression = 0,

    /// <summary>
    /// Cell-key perturbation for free-form queries: every count gets a small noise from the
    /// <see cref="PerturbationTable"/>, chosen by the cell's key, so the same cell always gets the same value.
    /// </summary>
    Perturbation = 1,
}

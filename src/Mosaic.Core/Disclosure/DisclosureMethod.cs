namespace Mosaic.Core.Disclosure;

/// <summary>
/// How a table is protected before it leaves Mosaic: the shared entry point of every aggregate (CLI, API,
/// dashboard). Suppression is the default and the method for exact, additive publication tables.
/// </summary>
public enum DisclosureMethod
{
    /// <summary>Primary and secondary cell suppression, checked by the LP audit (<see cref="DisclosureControl"/>).</summary>
    Suppression = 0,

    /// <summary>
    /// Cell-key perturbation for free-form queries (the API and dashboard for analysts and viewers): every count gets
    /// a small noise from the <see cref="PerturbationTable"/>, chosen by the cell's key, so the same cell always gets
    /// the same value.
    /// </summary>
    Perturbation = 1,
}

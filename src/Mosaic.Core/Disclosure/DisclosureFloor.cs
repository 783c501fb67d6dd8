namespace Mosaic.Core.Disclosure;

/// <summary>
/// The smallest minimum cell size a user may ask for. Below it a published table could show cells of one or two
/// people, so disclosure control cannot be switched off from the command line or the API.
/// </summary>
public static class DisclosureFloor
{
    /// <summary>K may not be set below this (the common floor of statistical offices' frequency rules).</summary>
    public const int MinimumContributors = 3;
}

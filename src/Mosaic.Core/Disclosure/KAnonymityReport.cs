namespace Mosaic.Core.Disclosure;

/// <summary>How far microdata is from k-anonymity over a set of quasi-identifiers.</summary>
/// <param name="K">The k checked.</param>
/// <param name="Records">Records in the file.</param>
/// <param name="EquivalenceClasses">Distinct combinations of quasi-identifier values.</param>
/// <param name="RecordsAtRisk">Records whose combination is shared by fewer than k records.</param>
/// <param name="ClassesAtRisk">Combinations shared by fewer than k records.</param>
/// <param name="SmallestClass">Size of the smallest combination (0 when there are no records).</param>
/// <param name="SuppressedValues">Values replaced by the suppression mark (after <see cref="KAnonymity.Suppress"/>).</param>
internal sealed record KAnonymityReport(
    int K, int Records, int EquivalenceClasses, int RecordsAtRisk, int ClassesAtRisk, int SmallestClass, int SuppressedValues = 0)
{
    public bool IsKAnonymous => RecordsAtRisk == 0;

    /// <summary>Why local suppression could not make the records k-anonymous (null when it did, or was not run).</summary>
    public string? Reason { get; init; }
}

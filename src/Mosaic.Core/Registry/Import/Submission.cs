namespace Mosaic.Core.Registry.Import;

/// <summary>One household row with its member rows, as joined from the input. Reused between reads.</summary>
internal sealed class Submission
{
    internal Submission(SourceRow household)
    {
        Household = household;
    }

    public SourceRow Household { get; internal set; }

    /// <summary>The member rows; only the first <see cref="MemberCount"/> are this household's.</summary>
    internal List<SourceRow> MemberRows { get; set; } = [];

    public int MemberCount { get; internal set; }

    public SourceRow Member(int index) => MemberRows[index];
}

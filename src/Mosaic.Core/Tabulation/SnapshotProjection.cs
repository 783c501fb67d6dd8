namespace Mosaic.Core.Tabulation;

/// <summary>
/// The columns of a <see cref="RegistrySnapshot"/> one command reads from a current image: the others are still read
/// and checksummed (a torn or altered image is refused as before) but never allocated, so the command's memory holds
/// only what it uses. A snapshot read through a projection is <see cref="RegistrySnapshot.IsPartial"/>: it is never
/// written back as an image nor extended (<see cref="PersistedSnapshots"/> reads the image whole for that).
/// </summary>
internal sealed class SnapshotProjection
{
    private readonly HashSet<string> _columns;

    private SnapshotProjection(string name, bool extraNumbers, params string[] columns)
    {
        Name = name;
        ExtraNumbers = extraNumbers;
        _columns = new HashSet<string>(columns, StringComparer.Ordinal);
    }

    private static readonly string[] s_scoring =
    [
        nameof(RegistrySnapshot.PersonStart), nameof(RegistrySnapshot.Area), nameof(RegistrySnapshot.Dwelling),
        nameof(RegistrySnapshot.RemittanceChange), nameof(RegistrySnapshot.HouseholdFlags), nameof(RegistrySnapshot.Shocks),
        nameof(RegistrySnapshot.HouseholdId), nameof(RegistrySnapshot.Sex), nameof(RegistrySnapshot.Age),
        nameof(RegistrySnapshot.Relation), nameof(RegistrySnapshot.MigratoryStatus), nameof(RegistrySnapshot.PersonFlags),
    ];

    /// <summary>What reads through it (for messages and tests).</summary>
    public string Name { get; }

    /// <summary>Whether the optional household numbers (<see cref="RegistrySnapshot.ExtraNumbers"/>) are kept.</summary>
    public bool ExtraNumbers { get; }

    /// <summary>Whether the column named after its <see cref="RegistrySnapshot"/> property is kept.</summary>
    public bool Keeps(string column) => _columns.Contains(column);

    /// <summary>No column: the image is only checked (and its columns located, <see cref="SnapshotImage.TryOpenChunked"/>).</summary>
    public static SnapshotProjection None { get; } = new("none", extraNumbers: false);

    /// <summary>
    /// What <see cref="Mosaic.Core.Targeting.ColumnTargeter"/> reads: households' ids, areas, assistance flags, heads' sex and
    /// reference welfare, and the members' migratory status (the list's coverage).
    /// </summary>
    public static SnapshotProjection Targeting { get; } = new("targeting", extraNumbers: false,
        nameof(RegistrySnapshot.PersonStart), nameof(RegistrySnapshot.Area), nameof(RegistrySnapshot.HouseholdFlags),
        nameof(RegistrySnapshot.HeadSex), nameof(RegistrySnapshot.HouseholdId), nameof(RegistrySnapshot.ReferenceWelfare),
        nameof(RegistrySnapshot.MigratoryStatus));

    /// <summary>
    /// What <see cref="Mosaic.Core.Vulnerability.ColumnScoring"/> reads besides the scoring section: the household answers and
    /// the members' relation, status, sex, age and yes/no answers.
    /// </summary>
    public static SnapshotProjection Scoring { get; } = new("scoring", extraNumbers: false, s_scoring);

    /// <summary>What <c>mosaic score --calibrate</c> reads to fit the weights: what scoring reads and the reference welfare.</summary>
    public static SnapshotProjection Calibration { get; } = new("calibration", extraNumbers: false,
        [.. s_scoring, nameof(RegistrySnapshot.ReferenceWelfare)]);
}

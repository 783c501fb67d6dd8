namespace Mosaic.Core.Registry;

/// <summary>Wire codes of the registry's choice lists, exactly as in the standard form and DESIGN §2.</summary>
public static class Codes
{
    /// <summary>Sex codes: <c>female</c>, <c>male</c>, <c>other</c>, <c>unknown</c>.</summary>
    public static CodeList<Sex> Sex { get; } = new(
        (Registry.Sex.Female, "female"), (Registry.Sex.Male, "male"),
        (Registry.Sex.Other, "other"), (Registry.Sex.Unknown, "unknown"));

    /// <summary>Migratory status codes (<c>non_migrant</c>, <c>idp</c>, … <c>unknown</c>).</summary>
    public static CodeList<MigratoryStatus> MigratoryStatus { get; } = new(
        (Registry.MigratoryStatus.NonMigrant, "non_migrant"),
        (Registry.MigratoryStatus.InternalMigrant, "internal_migrant"),
        (Registry.MigratoryStatus.Idp, "idp"),
        (Registry.MigratoryStatus.IdpReturnee, "idp_returnee"),
        (Registry.MigratoryStatus.Returnee, "returnee"),
        (Registry.MigratoryStatus.InternationalMigrant, "international_migrant"),
        (Registry.MigratoryStatus.Refugee, "refugee"),
        (Registry.MigratoryStatus.Stateless, "stateless"),
        (Registry.MigratoryStatus.Emigrant, "emigrant"),
        (Registry.MigratoryStatus.Unknown, "unknown"));

    /// <summary>Relation-to-head codes: <c>head</c>, <c>spouse</c>, <c>child</c>, <c>parent</c>,
    /// <c>other</c>.</summary>
    public static CodeList<Relation> Relation { get; } = new(
        (Registry.Relation.Head, "head"), (Registry.Relation.Spouse, "spouse"), (Registry.Relation.Child, "child"),
        (Registry.Relation.Parent, "parent"), (Registry.Relation.Other, "other"));

    /// <summary>Dwelling codes: <c>permanent</c>, <c>semi_permanent</c>, <c>temporary</c>, <c>none</c>.</summary>
    public static CodeList<Dwelling> Dwelling { get; } = new(
        (Registry.Dwelling.Permanent, "permanent"), (Registry.Dwelling.SemiPermanent, "semi_permanent"),
        (Registry.Dwelling.Temporary, "temporary"), (Registry.Dwelling.None, "none"));

    /// <summary>Remittance change codes: <c>increased</c>, <c>same</c>, <c>decreased</c>, <c>stopped</c>.</summary>
    public static CodeList<RemittanceChange> RemittanceChange { get; } = new(
        (Registry.RemittanceChange.Increased, "increased"), (Registry.RemittanceChange.Same, "same"),
        (Registry.RemittanceChange.Decreased, "decreased"), (Registry.RemittanceChange.Stopped, "stopped"));

    /// <summary>Reasons for moving: <c>job_loss</c>, <c>disaster</c>, <c>conflict</c>, <c>family</c>, <c>work</c>,
    /// <c>study</c>, <c>other</c>.</summary>
    public static CodeList<MoveReason> MoveReason { get; } = new(
        (Registry.MoveReason.JobLoss, "job_loss"), (Registry.MoveReason.Disaster, "disaster"),
        (Registry.MoveReason.Conflict, "conflict"), (Registry.MoveReason.Family, "family"),
        (Registry.MoveReason.Work, "work"), (Registry.MoveReason.Study, "study"), (Registry.MoveReason.Other, "other"));

    /// <summary>One code per shock flag (<c>flood</c>, <c>erosion</c>, …); a set is written space-separated
    /// (<see cref="FormatShocks"/>).</summary>
    public static CodeList<Shocks> Shock { get; } = new(
        (Shocks.Flood, "flood"), (Shocks.Erosion, "erosion"), (Shocks.Cyclone, "cyclone"), (Shocks.Drought, "drought"),
        (Shocks.JobLoss, "job_loss"), (Shocks.Illness, "illness"), (Shocks.Death, "death"), (Shocks.Conflict, "conflict"));

    /// <summary>Formats a shock set as the form's space-separated select-multiple value.</summary>
    public static string FormatShocks(Shocks shocks) =>
        string.Join(' ', Shock.Entries.Where(e => shocks.HasFlag(e.Value)).Select(e => e.Code));

    /// <summary>Formats a yes/no answer as on the form.</summary>
    public static string? YesNo(bool? value) => value switch { true => "yes", false => "no", null => null };
}

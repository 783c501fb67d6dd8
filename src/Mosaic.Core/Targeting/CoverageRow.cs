namespace Mosaic.Core.Targeting;

/// <summary>
/// One group of the coverage summary: how many targeted households belong to it (e.g. have a returnee
/// member, or a female head) against how many of the high/extreme households do.
/// </summary>
/// <param name="Dimension"><c>member_status</c> or <c>head_sex</c>.</param>
/// <param name="Group">The status or sex code.</param>
/// <param name="Targeted">Targeted households in the group.</param>
/// <param name="TargetedShare">Share of all targeted households.</param>
/// <param name="Priority">High/extreme households (in scope) in the group.</param>
/// <param name="PriorityShare">Share of all high/extreme households.</param>
public sealed record CoverageRow(string Dimension, string Group, int Targeted, double TargetedShare, int Priority, double PriorityShare);

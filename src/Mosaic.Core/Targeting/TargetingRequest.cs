namespace Mosaic.Core.Targeting;

/// <summary>What <c>mosaic target</c> was asked for.</summary>
public sealed record TargetingRequest
{
    /// <summary>Number of households to target (else <see cref="Budget"/> / <see cref="Transfer"/>).</summary>
    public int? Count { get; init; }

    /// <summary>Total budget, divided by <see cref="Transfer"/> to give the number of households when
    /// <see cref="Count"/> is not set.</summary>
    public double? Budget { get; init; }

    /// <summary>Transfer value per household.</summary>
    public double? Transfer { get; init; }

    /// <summary>How the households are shared between areas.</summary>
    public QuotaMode Quota { get; init; } = QuotaMode.Proportional;

    /// <summary>Limit to an area's subtree; quotas then go to its child areas.</summary>
    public string? AreaPcode { get; init; }

    /// <summary>Leave out households that already received assistance.</summary>
    public bool ExcludeAssisted { get; init; }

    /// <summary>
    /// Share of households counted as poor by the reference welfare when measuring errors; default the
    /// coverage (targeted / eligible), the usual convention so that a perfect ranking has no error.
    /// </summary>
    public double? PoorShare { get; init; }

    /// <summary>The number of households the request asks for.</summary>
    public int Requested => Count ?? (Budget is { } b && Transfer is { } t && t > 0 ? (int)Math.Floor(b / t) : 0);
}

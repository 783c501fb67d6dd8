namespace Mosaic.Core.Mobility;

/// <summary>Direction of a crossing at a flow monitoring point, seen from the monitoring country.</summary>
public enum FlowDirection : byte
{
    /// <summary>Entering the monitoring country (<c>in</c>).</summary>
    In = 1,
    /// <summary>Leaving the monitoring country (<c>out</c>).</summary>
    Out = 2,
}

namespace Mosaic.Core.Mobility;

/// <summary>Direction of a crossing at a flow monitoring point, seen from the monitoring country.</summary>
public enum FlowDirection : byte
{
    In = 1,
    Out = 2,
}

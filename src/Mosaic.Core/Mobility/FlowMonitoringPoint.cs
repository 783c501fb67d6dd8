using Mosaic.Core.Registry;

namespace Mosaic.Core.Mobility;

/// <summary>A place where crossings are counted (DESIGN §2).</summary>
/// <param name="Code">Unique code of the point (e.g. <c>BGD-FMP-001</c>).</param>
/// <param name="AreaPcode">Area the point lies in.</param>
/// <param name="Countries">ISO3 codes of the countries the point connects (e.g. BGD, IND).</param>
public sealed record FlowMonitoringPoint(string Code, string Name, FlowPointType Type, string? AreaPcode, GeoPoint? Location, IReadOnlyList<string> Countries)
{
    /// <summary>Value equality, comparing <see cref="Countries"/> element by element (a record compares list
    /// references).</summary>
    public bool Equals(FlowMonitoringPoint? other) =>
        other is not null && Code == other.Code && Name == other.Name && Type == other.Type && AreaPcode == other.AreaPcode &&
        Location == other.Location && Countries.SequenceEqual(other.Countries);

    /// <summary>A hash consistent with <see cref="Equals(FlowMonitoringPoint)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Code, Name, Type, AreaPcode);
}

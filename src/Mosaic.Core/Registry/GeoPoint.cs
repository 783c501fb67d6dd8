namespace Mosaic.Core.Registry;

/// <summary>A GPS point in WGS84 degrees, with the optional altitude and accuracy of a Kobo geopoint.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude, double? Altitude = null, double? Accuracy = null);

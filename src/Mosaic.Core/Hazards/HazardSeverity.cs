using System.Globalization;

namespace Mosaic.Core.Hazards;

/// <summary>
/// Reads a severity: a number on 0..1, or a class name. Classes map to the middle-upper point of four
/// equal bands so that the highest class is 1 and "low" is clearly above "none".
/// </summary>
public static class HazardSeverity
{
    private static readonly Dictionary<string, double> s_classes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = 0,
        ["low"] = 0.25,
        ["moderate"] = 0.5,
        ["medium"] = 0.5,
        ["high"] = 0.75,
        ["very_high"] = 1,
        ["very high"] = 1,
        ["extreme"] = 1,
        ["severe"] = 1,
    };

    /// <summary>The class names accepted, for error messages.</summary>
    public const string ClassNames = "none, low, moderate (medium), high, very_high (extreme, severe)";

    /// <summary>Parses a severity value; false with a reason when it is not a number in 0..1 nor a known class.</summary>
    public static bool TryParse(object? value, out double severity, out string reason)
    {
        severity = 0;
        reason = "";
        switch (value)
        {
            case null:
                reason = "severity is missing";
                return false;
            case double or float or int or long or decimal:
                return InRange(Convert.ToDouble(value, CultureInfo.InvariantCulture), out severity, out reason);
            case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return InRange(d, out severity, out reason);
            case string s when s_classes.TryGetValue(s.Trim(), out var c):
                severity = c;
                return true;
            default:
                reason = $"severity must be a number from 0 to 1 or a class ({ClassNames})";
                return false;
        }
    }

    private static bool InRange(double d, out double severity, out string reason)
    {
        severity = d;
        reason = "";
        if (d is >= 0 and <= 1)
            return true;
        reason = "severity must be between 0 and 1 (or a class name: " + ClassNames + ")";
        return false;
    }
}

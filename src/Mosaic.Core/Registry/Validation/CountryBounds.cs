using System.Globalization;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Registry.Validation;

/// <summary>A country's bounding box in degrees (WGS84); <see cref="West"/> &gt; <see cref="East"/> when it crosses 180°.</summary>
internal sealed record CountryBox(string Iso2, string Name, double West, double South, double East, double North)
{
    /// <summary>Whether the point lies in the box widened by <paramref name="margin"/> degrees on every side.</summary>
    public bool Contains(double latitude, double longitude, double margin)
    {
        if (latitude < South - margin || latitude > North + margin || longitude is < -180 or > 180)
            return false;
        var west = West - margin;
        var east = East + margin;
        return West <= East
            ? longitude >= west && longitude <= east
            : longitude >= west || longitude <= east; // across the antimeridian
    }
}

/// <summary>
/// The committed table of country bounding boxes (<c>country-bounds.csv</c>, public-domain facts from Natural Earth and
/// OpenStreetMap country bounds), keyed by ISO 3166-1 alpha-2 code: the coarse check of a GPS point when no boundary is
/// imported for its area. A COD P-code starts with its country's alpha-2 code (<c>BD5549</c> is in Bangladesh).
/// </summary>
internal static class CountryBounds
{
    /// <summary>
    /// Degrees added on every side of a box (about 55 km): the boxes come from generalised outlines, and the check is
    /// for gross errors (another country, swapped or sign-flipped coordinates), not for a border village.
    /// </summary>
    public const double Margin = 0.5;

    private static readonly Lazy<Dictionary<string, CountryBox>> s_boxes = new(Load);

    /// <summary>Every box, by alpha-2 code.</summary>
    public static IReadOnlyDictionary<string, CountryBox> All => s_boxes.Value;

    /// <summary>The box of the country a P-code starts with (its two leading letters), or null.</summary>
    public static CountryBox? ForPcode(string pcode)
    {
        ArgumentNullException.ThrowIfNull(pcode);
        // "BD5549": two letters then a digit. "BGD" (a country coded in alpha-3) or "BDX1" are not alpha-2 prefixes.
        if (pcode.Length < 3 || !char.IsAsciiLetter(pcode[0]) || !char.IsAsciiLetter(pcode[1]) || !char.IsAsciiDigit(pcode[2]))
            return null;
        return s_boxes.Value.GetValueOrDefault(pcode[..2].ToUpperInvariant());
    }

    private static Dictionary<string, CountryBox> Load()
    {
        using var stream = typeof(CountryBounds).Assembly.GetManifestResourceStream("Mosaic.Core.Registry.Validation.country-bounds.csv")
            ?? throw new InvalidOperationException("the country bounds table is missing from the build");
        using var text = new StreamReader(stream);
        var lines = new StringWriter();
        while (text.ReadLine() is { } line)
        {
            if (!line.StartsWith('#'))
                lines.WriteLine(line);
        }
        using var csv = new CsvReader(new StringReader(lines.ToString()), ',');
        var boxes = new Dictionary<string, CountryBox>(StringComparer.Ordinal);
        csv.Read(); // header
        while (csv.Read())
        {
            var f = csv.Fields;
            boxes.Add(f[0], new CountryBox(f[0], f[1], Number(f[2]), Number(f[3]), Number(f[4]), Number(f[5])));
        }
        return boxes;
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

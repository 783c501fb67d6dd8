using System.Globalization;

namespace Mosaic.Core.Tabulation;

/// <summary>Age groups as closed bands in completed years, e.g. <c>0-4,5-17,18-59,60+</c> (DESIGN §2 default).</summary>
public sealed record AgeBands
{
    private AgeBands(IReadOnlyList<(int From, int To)> bands) => Bands = bands;

    /// <summary>Bands as (from, to) inclusive; an open last band has <c>To = int.MaxValue</c>.</summary>
    public IReadOnlyList<(int From, int To)> Bands { get; }

    public static AgeBands Default { get; } = Parse("0-4,5-17,18-59,60+");

    /// <summary>Parses a comma-separated list of bands (<c>A-B</c> or a final <c>A+</c>); they must not overlap.</summary>
    public static AgeBands Parse(string text)
    {
        var bands = new List<(int, int)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int from, to;
            if (raw.EndsWith('+') && int.TryParse(raw.AsSpan(0, raw.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out from))
            {
                to = int.MaxValue;
            }
            else
            {
                var dash = raw.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(raw.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out from) ||
                    !int.TryParse(raw.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out to) || to < from)
                {
                    throw new TabulationException($"age band '{raw}' is not of the form A-B or A+ (e.g. 0-4,5-17,18-59,60+)");
                }
            }
            if (bands.Count > 0 && from <= bands[^1].Item2)
                throw new TabulationException($"age band '{raw}' overlaps or is out of order with the previous band");
            bands.Add((from, to));
        }
        if (bands.Count == 0)
            throw new TabulationException("no age bands given");
        return new AgeBands(bands);
    }

    public string Label(int band)
    {
        var (from, to) = Bands[band];
        return to == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{from}+")
            : string.Create(CultureInfo.InvariantCulture, $"{from}-{to}");
    }

    public override string ToString() => string.Join(',', Enumerable.Range(0, Bands.Count).Select(Label));
}

using System.Globalization;

namespace Mosaic.Core.Tabulation;

/// <summary>Age groups as closed bands in completed years, e.g. <c>0-4,5-17,18-59,60+</c> (DESIGN §2 default).</summary>
public sealed record AgeBands
{
    private AgeBands(IReadOnlyList<(int From, int To)> bands) => Bands = bands;

    /// <summary>Bands as (from, to) inclusive; an open last band has <c>To = int.MaxValue</c>.</summary>
    public IReadOnlyList<(int From, int To)> Bands { get; }

    /// <summary>The default bands of DESIGN §2: <c>0-4</c>, <c>5-17</c>, <c>18-59</c>, <c>60+</c>.</summary>
    public static AgeBands Default { get; } = Parse("0-4,5-17,18-59,60+");

    /// <summary>
    /// The base bands every suppressed table's bands are groups of: five-year bands with the default's boundaries at
    /// 18 (so 5-17 and 18-59 are groups of them), open from 85.
    /// </summary>
    public static AgeBands Base { get; } = Parse("0-4,5-9,10-14,15-17,18-19,20-24,25-29,30-34,35-39,40-44,45-49,50-54,55-59,60-64,65-69,70-74,75-79,80-84,85+");

    /// <summary>
    /// Whether these bands are groups of consecutive <paramref name="basis"/> bands covering every age: the first
    /// starts at 0, each starts where the previous ended, the last is open, and every boundary is a boundary of the
    /// basis. Two tables by such bands differ at most by whole base bands, never by one year of age.
    /// </summary>
    public bool IsCoarseningOf(AgeBands basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var starts = basis.Bands.Select(b => b.From).ToHashSet();
        if (Bands[0].From != 0 || Bands[^1].To != int.MaxValue)
            return false;
        for (var i = 0; i < Bands.Count; i++)
        {
            if (!starts.Contains(Bands[i].From) || (i > 0 && Bands[i].From != Bands[i - 1].To + 1))
                return false;
        }
        return true;
    }

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

    /// <summary>The label of a band (its index in <see cref="Bands"/>): <c>from-to</c>, or <c>from+</c> for an open
    /// last band.</summary>
    public string Label(int band)
    {
        var (from, to) = Bands[band];
        return to == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{from}+")
            : string.Create(CultureInfo.InvariantCulture, $"{from}-{to}");
    }

    /// <summary>The bands as <see cref="Parse"/> reads them (<c>0-4,5-17,18-59,60+</c>).</summary>
    public override string ToString() => string.Join(',', Enumerable.Range(0, Bands.Count).Select(Label));
}

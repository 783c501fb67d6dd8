using System.Text.Json;
using System.Text.Json.Serialization;
using Mosaic.Core.Indicators.Expressions;

namespace Mosaic.Core.Indicators;

/// <summary>
/// A versioned set of indicator definitions. Mosaic ships one (<see cref="Shipped"/>, embedded JSON); a user can
/// load their own file in the same format, optionally on top of the shipped one.
/// </summary>
public sealed class IndicatorCatalogue
{
    private static readonly Lazy<IndicatorCatalogue> s_shipped = new(LoadShipped);

    private readonly Dictionary<string, IndicatorDefinition> _byId;

    private IndicatorCatalogue(int version, IReadOnlyList<IndicatorDefinition> indicators)
    {
        Version = version;
        Indicators = indicators;
        _byId = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    /// <summary>How catalogue files are written (<see cref="ToJson"/>): snake_case names and enum values, nulls left out;
    /// <see cref="Parse"/> reads the same format (<see cref="CatalogueReader"/>), comments and trailing commas allowed.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Version of the catalogue document.</summary>
    public int Version { get; }

    /// <summary>The indicators, in the catalogue's order.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    /// <summary>The catalogue that ships with Mosaic.</summary>
    public static IndicatorCatalogue Shipped => s_shipped.Value;

    /// <summary>The definition with this id, or null when the catalogue has none.</summary>
    public IndicatorDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The definition, or a clear error listing the known ids.</summary>
    public IndicatorDefinition Get(string id) =>
        Find(id) ?? throw new IndicatorCatalogueException($"unknown indicator '{id}' (see `mosaic indicators list`)");

    /// <summary>Parses a catalogue document and checks every definition (ids unique, expressions parse, measure complete).</summary>
    public static IndicatorCatalogue Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        (int Version, List<IndicatorDefinition>? Indicators) doc;
        try
        {
            doc = CatalogueReader.Read(json);
        }
        catch (JsonException ex)
        {
            throw new IndicatorCatalogueException($"{source}: not a valid indicator catalogue: {ex.Message}", ex);
        }
        if (doc.Indicators is not { } list)
            throw new IndicatorCatalogueException($"{source}: no 'indicators' array");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in list)
        {
            if (!seen.Add(d.Id))
                throw new IndicatorCatalogueException($"{source}: indicator '{d.Id}' is defined twice");
            Validate(d, source);
        }
        return new IndicatorCatalogue(doc.Version, list);
    }

    /// <summary>This catalogue with <paramref name="other"/>'s definitions added or replacing same-id ones.</summary>
    public IndicatorCatalogue With(IndicatorCatalogue other)
    {
        var merged = Indicators.Where(i => other.Find(i.Id) is null).Concat(other.Indicators).ToList();
        return new IndicatorCatalogue(Math.Max(Version, other.Version), merged);
    }

    private static void Validate(IndicatorDefinition d, string source)
    {
        var where = $"{source}: indicator '{d.Id}'";
        if (string.IsNullOrWhiteSpace(d.Id) || d.Id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
            throw new IndicatorCatalogueException($"{where}: ids are lower-case letters, digits and '_'");
        if (d.Measure.Kind is MeasureKind.Sum or MeasureKind.Mean && string.IsNullOrWhiteSpace(d.Measure.Value))
            throw new IndicatorCatalogueException($"{where}: a {d.Measure.Kind.ToString().ToLowerInvariant()} needs 'value'");
        if (d.Measure.Kind == MeasureKind.Share && string.IsNullOrWhiteSpace(d.Measure.Numerator))
            throw new IndicatorCatalogueException($"{where}: a share needs 'numerator'");
        foreach (var (name, text) in new[] { ("filter", d.Filter), ("value", d.Measure.Value), ("numerator", d.Measure.Numerator), ("weight", d.Weight) })
        {
            if (text is null)
                continue;
            try
            {
                ExpressionParser.Parse(text);
            }
            catch (ExpressionException ex)
            {
                throw new IndicatorCatalogueException($"{where}, {name}: {ex.Message}", ex);
            }
        }
    }

    private static IndicatorCatalogue LoadShipped()
    {
        using var stream = typeof(IndicatorCatalogue).Assembly.GetManifestResourceStream("Mosaic.Core.Indicators.catalogue.json")
            ?? throw new InvalidOperationException("the shipped indicator catalogue is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "shipped catalogue");
    }

    /// <summary>Serialises one definition as it appears in a catalogue file.</summary>
    public static string ToJson(IndicatorDefinition d) => JsonSerializer.Serialize(d, JsonOptions);
}

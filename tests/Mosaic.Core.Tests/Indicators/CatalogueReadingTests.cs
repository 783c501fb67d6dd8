using System.Text.Json;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tests.Indicators;

/// <summary>
/// The catalogue is read member by member from its JSON tree (not by the serializer, whose converters cost every
/// command ~80 ms of JIT at start): it must read what the serializer reads and refuse what it refused, naming where.
/// </summary>
public sealed class CatalogueReadingTests
{
    [Fact]
    public void EveryShippedIndicator_ReadsAsTheJsonSerializerReadsIt()
    {
        // Oracle: System.Text.Json with the catalogue's own options, over the same embedded file.
        using var stream = typeof(IndicatorCatalogue).Assembly.GetManifestResourceStream("Mosaic.Core.Indicators.catalogue.json")!;
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var expected = document.RootElement.GetProperty("indicators").EnumerateArray()
            .Select(e => e.Deserialize<IndicatorDefinition>(IndicatorCatalogue.JsonOptions)!).ToList();

        var read = IndicatorCatalogue.Shipped.Indicators;

        Assert.True(expected.Count >= 20, $"the shipped catalogue has {expected.Count} indicators");
        Assert.Equal(expected.Select(IndicatorCatalogue.ToJson), read.Select(IndicatorCatalogue.ToJson));
        Assert.Equal(document.RootElement.GetProperty("catalogue_version").GetInt32(), IndicatorCatalogue.Shipped.Version);
    }

    [Fact]
    public void AUserCatalogue_WithCommentsTrailingCommasAndDefaults_ReadsEveryMember()
    {
        const string json = """
            // a user's file
            { "catalogue_version": 3, "indicators": [
              { "id": "adult_idps", "version": 2, "label": "Adult IDPs", "description": "IDPs aged 18+",
                "unit": "PERSON", "filter": "mig_status = 'idp' and age >= 18", "weight": "w", "hxl": "#affected+idps",
                "measure": { "kind": "share", "numerator": "disability = 'yes'" },
                "tags": { "sdg": ["10.7"], "gcm": ["1", "21"] }, "suggested_by": ["adm4", "sex"], "unknown_member": 1, },
              { "id": "plain", "label": "Plain", "measure": {} },
            ] }
            """;

        var catalogue = IndicatorCatalogue.Parse(json, "mine.json");

        Assert.Equal(3, catalogue.Version);
        var d = catalogue.Get("adult_idps");
        Assert.Equal((2, "Adult IDPs", "IDPs aged 18+", IndicatorUnit.Person), (d.Version, d.Label, d.Description, d.Unit));
        Assert.Equal(("mig_status = 'idp' and age >= 18", "w", "#affected+idps"), (d.Filter, d.Weight, d.Hxl));
        Assert.Equal(new IndicatorMeasure(MeasureKind.Share, null, "disability = 'yes'"), d.Measure);
        Assert.Equal(["10.7"], d.Tags.Sdg);
        Assert.Equal(["1", "21"], d.Tags.Gcm);
        Assert.Equal(["adm4", "sex"], d.SuggestedBy);
        var plain = catalogue.Get("plain");
        Assert.Equal((1, IndicatorUnit.Person, MeasureKind.Count, 0, 0), (plain.Version, plain.Unit, plain.Measure.Kind, plain.SuggestedBy.Count, plain.Tags.Sdg.Count));
    }

    [Theory]
    [InlineData("""{ "indicators": [ { "id": "x", "label": "X", "unit": "village", "measure": { "kind": "count" } } ] }""", "$.indicators[0].unit: 'village' is not one of person, household")]
    [InlineData("""{ "indicators": [ { "id": "x", "label": "X" }, { "label": "Y", "measure": {} } ] }""", "$.indicators[0]: 'measure' is required")]
    [InlineData("""{ "indicators": [ { "id": "x", "label": "X", "measure": {} }, { "label": "Y", "measure": {} } ] }""", "$.indicators[1]: 'id' is required")]
    [InlineData("""{ "indicators": [ { "id": "x", "label": "X", "measure": { "kind": "median" } } ] }""", "$.indicators[0].measure.kind: 'median' is not one of count, sum, mean, share")]
    [InlineData("""{ "indicators": [ { "id": "x", "label": 7, "measure": {} } ] }""", "$.indicators[0].label: expected a string")]
    [InlineData("""{ "indicators": [ { "id": "x", "label": "X", "version": "two", "measure": {} } ] }""", "$.indicators[0].version: expected a whole number")]
    [InlineData("""{ "indicators": { "id": "x" } }""", "$.indicators: expected an array")]
    [InlineData("""{ "indicators": [ """, "not a valid indicator catalogue")]
    public void ABadCatalogue_IsRefusedNamingTheFileAndTheMember(string json, string expected)
    {
        var ex = Assert.Throws<IndicatorCatalogueException>(() => IndicatorCatalogue.Parse(json, "mine.json"));

        Assert.StartsWith("mine.json: not a valid indicator catalogue", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACatalogueWithoutIndicators_SaysSo()
    {
        var ex = Assert.Throws<IndicatorCatalogueException>(() => IndicatorCatalogue.Parse("""{ "catalogue_version": 1 }""", "mine.json"));

        Assert.Equal("mine.json: no 'indicators' array", ex.Message);
    }
}

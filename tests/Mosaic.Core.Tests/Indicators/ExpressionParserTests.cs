using Mosaic.Core.Indicators;
using Mosaic.Core.Indicators.Expressions;

namespace Mosaic.Core.Tests.Indicators;

public sealed class ExpressionParserTests
{
    [Fact]
    public void Parse_ReadsPrecedenceAsSql()
    {
        var e = ExpressionParser.Parse("a = 'x' or b and not c");
        var or = Assert.IsType<BinaryExpr>(e);
        Assert.Equal("or", or.Op);
        Assert.Equal("and", Assert.IsType<BinaryExpr>(or.Right).Op);
    }

    [Fact]
    public void Parse_WithAnUnclosedParenthesis_NamesThePosition()
    {
        var ex = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse("(age > 5"));
        Assert.Contains("position 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_WithABadFilter_NamesTheFileAndIndicator()
    {
        const string json = """{ "catalogue_version": 2, "indicators": [ { "id": "x", "label": "X", "unit": "person", "filter": "age >", "measure": { "kind": "count" } } ] }""";
        var ex = Assert.Throws<IndicatorCatalogueException>(() => IndicatorCatalogue.Parse(json, "mine.json"));
        Assert.Contains("mine.json: indicator 'x', filter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_FromAFile_OverridesShippedIds()
    {
        const string json = """{ "catalogue_version": 2, "indicators": [ { "id": "population", "label": "All persons", "unit": "person", "measure": { "kind": "count" } } ] }""";
        var merged = IndicatorCatalogue.Shipped.With(IndicatorCatalogue.Parse(json, "mine.json"));
        Assert.Equal("All persons", merged.Get("population").Label);
        Assert.Equal(IndicatorCatalogue.Shipped.Indicators.Count, merged.Indicators.Count);
    }
}

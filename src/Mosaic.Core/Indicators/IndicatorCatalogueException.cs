namespace Mosaic.Core.Indicators;

/// <summary>A catalogue file or indicator id that cannot be used; the message names the file and indicator.</summary>
public sealed class IndicatorCatalogueException : Exception
{
    public IndicatorCatalogueException(string message) : base(message)
    {
    }

    public IndicatorCatalogueException(string message, Exception inner) : base(message, inner)
    {
    }

    public IndicatorCatalogueException()
    {
    }
}

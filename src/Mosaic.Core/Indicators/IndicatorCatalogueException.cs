namespace Mosaic.Core.Indicators;

/// <summary>A catalogue file or indicator id that cannot be used; the message names the file and indicator.</summary>
public sealed class IndicatorCatalogueException : Exception
{
    /// <summary>A catalogue problem, with the message naming the file and indicator.</summary>
    public IndicatorCatalogueException(string message) : base(message)
    {
    }

    /// <summary>A catalogue problem, with its message and the exception behind it (e.g. a JSON error).</summary>
    public IndicatorCatalogueException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>A catalogue problem, with the default message.</summary>
    public IndicatorCatalogueException()
    {
    }
}

namespace Mosaic.Core.Indicators.Expressions;

/// <summary>An expression that does not parse; the message names the position and what was expected.</summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(string message) : base(message)
    {
    }

    public ExpressionException(string message, Exception inner) : base(message, inner)
    {
    }

    public ExpressionException()
    {
    }
}

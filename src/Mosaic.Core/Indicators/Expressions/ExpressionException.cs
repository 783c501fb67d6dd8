namespace Mosaic.Core.Indicators.Expressions;

/// <summary>An expression that does not parse; the message names the position and what was expected.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>An expression that does not parse, with the message naming the position and what was
    /// expected.</summary>
    public ExpressionException(string message) : base(message)
    {
    }

    /// <summary>An expression that does not parse, with its message and the exception behind it.</summary>
    public ExpressionException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>An expression that does not parse, with the default message.</summary>
    public ExpressionException()
    {
    }
}

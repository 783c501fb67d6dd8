namespace Mosaic.Core.Mobility;

/// <summary>Main reason for a journey observed at a flow monitoring point.</summary>
public enum FlowReason : byte
{
    /// <summary>Not recorded (<c>unknown</c>).</summary>
    Unknown = 0,
    /// <summary>Trade (<c>trade</c>).</summary>
    Trade = 1,
    /// <summary>Work (<c>work</c>).</summary>
    Work = 2,
    /// <summary>Visiting or joining family (<c>family</c>).</summary>
    Family = 3,
    /// <summary>Returning home (<c>return</c>).</summary>
    Return = 4,
    /// <summary>Fleeing conflict or disaster (<c>displacement</c>).</summary>
    Displacement = 5,
    /// <summary>Any other reason (<c>other</c>).</summary>
    Other = 6,
}

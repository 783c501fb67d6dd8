namespace Mosaic.Core.Registry;

/// <summary>Relation of a roster member to the head of household.</summary>
public enum Relation : byte
{
    /// <summary>Any other relation, or none (<c>other</c>).</summary>
    Other = 0,
    /// <summary>The head of household (<c>head</c>).</summary>
    Head = 1,
    /// <summary>Spouse or partner of the head (<c>spouse</c>).</summary>
    Spouse = 2,
    /// <summary>Child of the head (<c>child</c>).</summary>
    Child = 3,
    /// <summary>Parent of the head (<c>parent</c>).</summary>
    Parent = 4,
}

namespace Mosaic.Core.Registry;

/// <summary>Relation of a roster member to the head of household.</summary>
public enum Relation : byte
{
    Other = 0,
    Head = 1,
    Spouse = 2,
    Child = 3,
    Parent = 4,
}

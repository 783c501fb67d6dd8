namespace Mosaic.Core.Registry;

/// <summary>Sex of a person as recorded on the roster.</summary>
public enum Sex : byte
{
    Unknown = 0,
    Female = 1,
    Male = 2,
    Other = 3,
}

namespace Mosaic.Core.Registry;

/// <summary>Type of dwelling the household lives in.</summary>
public enum Dwelling : byte
{
    Permanent = 1,
    SemiPermanent = 2,
    Temporary = 3,
    None = 4,
}

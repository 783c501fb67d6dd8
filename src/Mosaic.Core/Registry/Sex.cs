namespace Mosaic.Core.Registry;

/// <summary>Sex of a person as recorded on the roster.</summary>
public enum Sex : byte
{
    /// <summary>Not recorded (<c>unknown</c>).</summary>
    Unknown = 0,
    /// <summary>Female (<c>female</c>).</summary>
    Female = 1,
    /// <summary>Male (<c>male</c>).</summary>
    Male = 2,
    /// <summary>Other (<c>other</c>).</summary>
    Other = 3,
}

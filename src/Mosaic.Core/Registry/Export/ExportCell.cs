namespace Mosaic.Core.Registry.Export;

/// <summary>One cell of an exported row: empty (missing), text, or a number (a numeric cell in XLSX).</summary>
internal readonly record struct ExportCell(string? Text, double? Number)
{
    /// <summary>An empty cell.</summary>
    public static ExportCell Empty => default;

    /// <summary>Whether the cell has neither text nor a number.</summary>
    public bool IsEmpty => Text is null && Number is null;

    /// <summary>A text cell (null = empty).</summary>
    public static implicit operator ExportCell(string? text) => new(text, null);

    /// <summary>A number cell (null = empty).</summary>
    public static ExportCell Of(double? number) => new(null, number);

    /// <summary>A whole-number cell.</summary>
    public static ExportCell Of(long number) => new(null, number);
}

namespace Mosaic.Core.Registry.Export;

/// <summary>One cell of an exported row: empty (missing), text, or a number (a numeric cell in XLSX).</summary>
public readonly record struct ExportCell(string? Text, double? Number)
{
    public static ExportCell Empty => default;

    public bool IsEmpty => Text is null && Number is null;

    public static implicit operator ExportCell(string? text) => new(text, null);

    public static ExportCell Of(double? number) => new(null, number);

    public static ExportCell Of(long number) => new(null, number);
}

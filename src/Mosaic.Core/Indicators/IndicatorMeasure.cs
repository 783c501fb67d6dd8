namespace Mosaic.Core.Indicators;

/// <summary>The measure of an indicator.</summary>
/// <param name="Kind">count, sum, mean or share.</param>
/// <param name="Value">Numeric expression for sum and mean (e.g. <c>income_now - income_before</c>).</param>
/// <param name="Numerator">Condition for share: the denominator is the indicator's population.</param>
public sealed record IndicatorMeasure(MeasureKind Kind, string? Value = null, string? Numerator = null);

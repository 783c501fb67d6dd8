namespace Mosaic.Core.Tabulation;

/// <summary>A dimension of a result table: its categories (codes and labels), the total excluded.</summary>
/// <param name="Name">As requested, e.g. <c>adm4</c> or <c>sex</c>.</param>
/// <param name="HasLabels">Whether labels carry information beyond the codes (a <c>_label</c> column is written).</param>
public sealed record TableDimension(string Name, IReadOnlyList<string> Codes, IReadOnlyList<string> Labels, bool HasLabels)
{
    /// <summary>Category index of the total in <see cref="TableCell.Categories"/>.</summary>
    public const int Total = -1;

    /// <summary>Code written for the total (never a real code: real codes do not start with '_').</summary>
    public const string TotalCode = "_total";

    /// <summary>Code written for a missing value.</summary>
    public const string MissingCode = "_missing";

    /// <summary>The code of a category, or the total's code for <see cref="Total"/>.</summary>
    public string CodeOf(int category) => category == Total ? TotalCode : Codes[category];

    /// <summary>The label of a category, or the total's label for <see cref="Total"/>.</summary>
    public string LabelOf(int category) => category == Total ? CategoryLabels.TotalLabel : Labels[category];
}

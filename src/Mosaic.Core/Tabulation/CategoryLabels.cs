namespace Mosaic.Core.Tabulation;

/// <summary>Human labels for category codes (codes stay the fixed wire codes; labels are for people).</summary>
internal static class CategoryLabels
{
    public const string MissingLabel = "(missing)";
    public const string TotalLabel = "Total";

    private static readonly Dictionary<string, string> s_special = new(StringComparer.Ordinal)
    {
        ["idp"] = "IDP",
        ["idp_returnee"] = "IDP returnee",
        ["non_migrant"] = "Non-migrant",
        ["semi_permanent"] = "Semi-permanent",
        ["job_loss"] = "Job loss",
    };

    public static string Of(string code)
    {
        if (code.Length == 0)
            return MissingLabel;
        if (s_special.TryGetValue(code, out var label))
            return label;
        return char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');
    }
}

namespace Mosaic.Core.Tabulation.Output;

/// <summary>HXL hashtags for dimension columns (HXL 1.1: admin levels and locations have core hashtags; other categories are <c>#group</c>).</summary>
internal static class HxlTags
{
    /// <summary>Tags of the code column and of the label column of a dimension.</summary>
    public static (string Code, string Label) ForDimension(string name)
    {
        if (name.Length == 4 && name.StartsWith("adm", StringComparison.Ordinal) && char.IsAsciiDigit(name[3]))
            return ($"#{name}+code", $"#{name}+name");
        return name switch
        {
            "village" => ("#adm5+code", "#adm5+name"),
            "area" => ("#loc+code", "#loc+name"),
            "prev_country" => ("#country+code+origin", "#country+name+origin"),
            _ => ($"#group+{name}+code", $"#group+{name}+name"),
        };
    }
}

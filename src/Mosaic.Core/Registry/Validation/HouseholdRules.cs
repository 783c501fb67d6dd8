namespace Mosaic.Core.Registry.Validation;

/// <summary>Rules over a whole household: consent and the roster.</summary>
internal static class HouseholdRules
{
    /// <summary>The reason a household without consent is rejected (its data is never stored).</summary>
    public const string NoConsent = "no consent";

    /// <summary>The consent answer of a respondent who declined: counted as declined, not as an error.</summary>
    public const string ConsentDeclined = "no";

    /// <summary>Consent must be exactly <c>yes</c>; anything else (including missing) rejects the household.</summary>
    public static string? Consent(string? value) => value switch
    {
        "yes" => null,
        null => "consent missing: a household is only stored with consent = yes",
        "no" => NoConsent,
        _ => "consent must be 'yes' or 'no'",
    };

    /// <summary>A household needs members and exactly one head.</summary>
    /// <returns>Null when the roster is valid, else the reason.</returns>
    public static string? Roster(IReadOnlyList<Person> members)
    {
        if (members.Count == 0)
            return "household has no members";
        var heads = 0;
        foreach (var m in members)
        {
            if (m.Relation == Relation.Head)
                heads++;
        }
        return heads switch
        {
            1 => null,
            0 => "household has no head (exactly one member must have relation = head)",
            _ => $"household has {heads} heads (exactly one member must have relation = head)",
        };
    }
}

namespace Mosaic.Core.Registry;

/// <summary>
/// Answers to the Washington Group Short Set (WG-SS): six domains, each 1 = no difficulty,
/// 2 = some difficulty, 3 = a lot of difficulty, 4 = cannot do at all; null = not asked or missing.
/// </summary>
public readonly record struct WashingtonGroupAnswers(
    byte? Seeing, byte? Hearing, byte? Walking, byte? Remembering, byte? SelfCare, byte? Communicating)
{
    /// <summary>Minimum age at which the WG-SS applies.</summary>
    public const int MinimumAge = 5;

    /// <summary>Whether any domain was answered.</summary>
    public bool IsAnswered =>
        Seeing.HasValue || Hearing.HasValue || Walking.HasValue ||
        Remembering.HasValue || SelfCare.HasValue || Communicating.HasValue;

    /// <summary>
    /// The WG-SS disability identifier (cut-off "a lot of difficulty"): true when any domain is 3 or 4,
    /// false when answered without such a domain, null when unanswered or the person is under 5.
    /// </summary>
    public bool? Disability(int? age)
    {
        if (age is < MinimumAge || !IsAnswered)
            return null;
        return Seeing >= 3 || Hearing >= 3 || Walking >= 3 || Remembering >= 3 || SelfCare >= 3 || Communicating >= 3;
    }

    /// <summary>The answers in form order, with the field names of the standard form.</summary>
    public IEnumerable<(string Field, byte? Value)> Domains()
    {
        yield return ("wg_seeing", Seeing);
        yield return ("wg_hearing", Hearing);
        yield return ("wg_walking", Walking);
        yield return ("wg_remembering", Remembering);
        yield return ("wg_selfcare", SelfCare);
        yield return ("wg_communicating", Communicating);
    }
}

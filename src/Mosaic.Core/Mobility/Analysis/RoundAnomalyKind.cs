namespace Mosaic.Core.Mobility.Analysis;

/// <summary>What is wrong with the round numbering of a series. Neither is guessed away: both records stay.</summary>
public enum RoundAnomalyKind
{
    /// <summary>One round number at two reporting dates (e.g. Iraq's round 48 in April and June 2016).</summary>
    DuplicateRound,

    /// <summary>
    /// The round number goes down while time goes forward: the numbering restarted (Darfur in 2020) or a round
    /// was mistyped (Iraq's round 46 after round 48).
    /// </summary>
    Renumbered,
}

namespace Mosaic.Core.Registry.Import;

/// <summary>What validating one submission gave.</summary>
internal enum SubmissionOutcome
{
    Valid,

    /// <summary>The household or a member broke a rule; every problem was reported.</summary>
    Rejected,

    /// <summary>Consent missing or not a yes/no answer: rejected without validating or echoing any of its data.</summary>
    NoConsent,

    /// <summary>Consent <c>no</c>: the respondent declined. Counted, never stored, never an error by itself.</summary>
    Declined,
}

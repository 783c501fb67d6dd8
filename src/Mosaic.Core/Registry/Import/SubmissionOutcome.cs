namespace Mosaic.Core.Registry.Import;

/// <summary>What validating one submission gave.</summary>
public enum SubmissionOutcome
{
    Valid,

    /// <summary>The household or a member broke a rule; every problem was reported.</summary>
    Rejected,

    /// <summary>Consent was not <c>yes</c>: rejected without validating or echoing any of its data.</summary>
    NoConsent,
}

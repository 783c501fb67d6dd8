namespace Mosaic.Core.Registry.Import;

/// <summary>Household-level Mosaic fields an input column can map to (slots of <see cref="RegistrationFields.Household"/>).</summary>
internal enum HouseholdField
{
    SubmissionId,
    Link,
    SubmissionTime,
    Consent,
    HouseholdCode,
    AreaPcode,
    Gps,
    Dwelling,
    IncomeBefore,
    IncomeNow,
    Remittances,
    RemittanceAmount,
    RemittanceChange,
    Debt,
    Savings,
    AssistanceReceived,
    Shocks,
    ReferenceWelfare,
}

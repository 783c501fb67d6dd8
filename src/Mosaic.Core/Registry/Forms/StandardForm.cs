namespace Mosaic.Core.Registry.Forms;

/// <summary>
/// Field names of the Mosaic standard registration form (DESIGN §5). They are the default mapping: a team
/// that collects with this form imports without a mapping file. These names are fixed.
/// </summary>
internal static class StandardForm
{
    /// <summary>Name of the repeat group (and of its sheet in a Kobo XLSX export).</summary>
    public const string MembersRepeat = "members";

    /// <summary>Form id of the standard form: the name of the household sheet in a Kobo XLSX export.</summary>
    public const string FormId = "household-registration";

    /// <summary>Household-level fields.</summary>
    public static class Household
    {
        public const string Uuid = "_uuid";
        public const string Index = "_index";
        public const string SubmissionTime = "_submission_time";
        public const string OdkKey = "KEY";
        public const string Consent = "consent";
        public const string HouseholdCode = "hh_id";
        public const string AreaPcode = "adm_pcode";
        public const string Gps = "gps";
        public const string Dwelling = "dwelling";
        public const string IncomeBefore = "income_before";
        public const string IncomeNow = "income_now";
        public const string Remittances = "remittances";
        public const string RemittanceAmount = "remittance_amount";
        public const string RemittanceChange = "remittance_change";
        public const string Debt = "debt";
        public const string Savings = "savings";
        public const string AssistanceReceived = "assistance_received";
        public const string Shocks = "shocks";

        /// <summary>Not on the form: the demo's hidden reference welfare, exported so round trips are exact.</summary>
        public const string ReferenceWelfare = "ref_welfare";
    }

    /// <summary>Member-level fields (the <c>members</c> repeat).</summary>
    public static class Member
    {
        public const string ParentIndex = "_parent_index";
        public const string Index = "_index";
        public const string ParentTableName = "_parent_table_name";
        public const string OdkParentKey = "PARENT_KEY";
        public const string OdkKey = "KEY";
        public const string Name = "name";
        public const string Phone = "phone";
        public const string Sex = "sex";
        public const string Age = "age";
        public const string Relation = "relation";
        public const string MigratoryStatus = "mig_status";
        public const string PreviousCountry = "prev_country";
        public const string PreviousPcode = "prev_pcode";
        public const string MoveDate = "move_date";
        public const string MoveReason = "move_reason";
        public const string WgSeeing = "wg_seeing";
        public const string WgHearing = "wg_hearing";
        public const string WgWalking = "wg_walking";
        public const string WgRemembering = "wg_remembering";
        public const string WgSelfCare = "wg_selfcare";
        public const string WgCommunicating = "wg_communicating";
        public const string InSchool = "in_school";
        public const string EmployedBefore = "employed_before";
        public const string EmployedNow = "employed_now";
    }
}

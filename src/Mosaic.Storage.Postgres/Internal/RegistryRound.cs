using Mosaic.Core.Disclosure;
using Mosaic.Core.Registry;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// One round of a registration import: its households', members' and movements' rows encoded for three binary
/// <c>COPY</c>s (<see cref="CopyRows"/>), under store ids reserved for the round in input order.
/// </summary>
internal sealed class RegistryRound
{
    /// <summary>Fields of a household row: <c>id, fingerprint, adm1_pcode, record_key, {Household}</c> (and the batch when owned).</summary>
    private const short HouseholdFields = 23;

    /// <summary>The store ids reserved for the round (empty until reserved).</summary>
    public long[] Ids { get; set; } = [];

    /// <summary>Households encoded so far (the next one takes <c>Ids[Households]</c>).</summary>
    public int Households { get; private set; }

    public CopyRows HouseholdRows { get; } = new();

    public CopyRows PersonRows { get; } = new();

    public CopyRows MovementRows { get; } = new();

    /// <summary>Empties the round for the next households (its ids are reserved again).</summary>
    public void Clear()
    {
        Ids = [];
        Households = 0;
        HouseholdRows.Clear();
        PersonRows.Clear();
        MovementRows.Clear();
    }

    /// <summary>Encodes a household with its members and their movements, under the round's next id.</summary>
    public void Encode(Household h, byte[] fingerprint, string adm1, long? batchId, RecordKeyGenerator keys)
    {
        var id = Ids[Households++];
        var w = HouseholdRows;
        w.StartRow(batchId is null ? HouseholdFields : (short)(HouseholdFields + 1));
        w.Bigint(id);
        w.Bytea(fingerprint);
        w.Text(adm1);
        w.Bigint(keys.Next());
        w.Text(h.SubmissionId);
        w.Text(h.HouseholdCode);
        w.Text(h.AreaPcode);
        w.TimestampTz(h.SubmittedAt);
        w.Double(h.Gps?.Latitude);
        w.Double(h.Gps?.Longitude);
        w.Double(h.Gps?.Altitude);
        w.Double(h.Gps?.Accuracy);
        w.Text(h.Dwelling is { } d ? Codes.Dwelling[d] : null);
        w.Double(h.IncomeBefore);
        w.Double(h.IncomeNow);
        w.Boolean(h.Remittances);
        w.Double(h.RemittanceAmount);
        w.Text(h.RemittanceChange is { } rc ? Codes.RemittanceChange[rc] : null);
        w.Boolean(h.Debt);
        w.Boolean(h.Savings);
        w.Boolean(h.AssistanceReceived);
        w.Integer((int)h.Shocks);
        w.Double(h.ReferenceWelfare);
        if (batchId is { } batch)
            w.Bigint(batch);

        for (var i = 0; i < h.Members.Count; i++)
        {
            var m = h.Members[i];
            PersonRows.StartRow(Copy.PersonFields);
            Copy.Person(PersonRows, id, adm1, keys.Next(), m);
            if (MovementHistory.Move(h, m) is { } move)
            {
                MovementRows.StartRow(Copy.MovementFields);
                Copy.Movement(MovementRows, id, adm1, m.LineNumber, 1, move);
            }
        }
    }
}

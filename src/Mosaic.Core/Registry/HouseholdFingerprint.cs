using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mosaic.Core.Registry;

/// <summary>
/// A content fingerprint of a household and its roster (SHA-256 of a canonical text form), used to tell a
/// re-import of the same submission (skip) from the same submission id with different content (conflict).
/// </summary>
public static class HouseholdFingerprint
{
    public static byte[] Compute(Household h)
    {
        var sb = new StringBuilder(512);
        var c = CultureInfo.InvariantCulture;
        sb.Append(h.SubmissionId).Append('|').Append(h.HouseholdCode).Append('|').Append(h.AreaPcode).Append('|')
          .Append(h.SubmittedAt?.ToUnixTimeSeconds()).Append('|')
          .Append(h.Gps?.Latitude.ToString("R", c)).Append(',').Append(h.Gps?.Longitude.ToString("R", c)).Append('|')
          .Append(h.Dwelling).Append('|').Append(h.IncomeBefore?.ToString("R", c)).Append('|').Append(h.IncomeNow?.ToString("R", c)).Append('|')
          .Append(h.Remittances).Append('|').Append(h.RemittanceAmount?.ToString("R", c)).Append('|').Append(h.RemittanceChange).Append('|')
          .Append(h.Debt).Append('|').Append(h.Savings).Append('|').Append(h.AssistanceReceived).Append('|').Append((int)h.Shocks);
        foreach (var p in h.Members)
        {
            var wg = p.WashingtonGroup;
            sb.Append('\n').Append(p.LineNumber).Append('|').Append(p.Name).Append('|').Append(p.Phone).Append('|').Append(p.Sex).Append('|')
              .Append(p.Age).Append('|').Append(p.Relation).Append('|').Append(p.MigratoryStatus).Append('|')
              .Append(p.PreviousCountry).Append('|').Append(p.PreviousPcode).Append('|').Append(p.MoveDate?.DayNumber).Append('|')
              .Append(p.MoveReason).Append('|').Append(wg.Seeing).Append(wg.Hearing).Append(wg.Walking).Append(wg.Remembering)
              .Append(wg.SelfCare).Append(wg.Communicating).Append('|').Append(p.InSchool).Append('|')
              .Append(p.EmployedBefore).Append('|').Append(p.EmployedNow);
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Mobility;

/// <summary>
/// A content hash of a record (everything but its provenance), so a re-import can tell "same record, same
/// content" (left alone) from "same record, new content" (replaced).
/// </summary>
public static class AssessmentFingerprint
{
    /// <summary>The SHA-256 of an assessment record's content, provenance excluded.</summary>
    public static byte[] Of(LocationAssessment a)
    {
        var sb = new StringBuilder(256);
        void F(object? v) => sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append('\u001f');
        F(a.RecordId); F(a.SourceId); F(a.Dataset); F(a.Operation); F(a.OperationStatus); F((int)a.Type); F(a.Round);
        F(a.ReportingDate.DayNumber);
        var l = a.Location;
        F(l.AdminLevel); F(l.Admin0Pcode); F(l.Admin0Name); F(l.Admin1Pcode); F(l.Admin1Name); F(l.Admin2Pcode); F(l.Admin2Name);
        F(l.LocalPcode); F(l.LocalName); F(a.AreaPcode); F((int)a.Match);
        foreach (var c in a.Counts)
        {
            F((int)c.Type); F(c.Individuals); F(c.Households); F(c.Males); F(c.Females);
            foreach (var s in c.BySexAndAge)
            {
                F(Codes.Sex[s.Sex]); F(s.AgeGroup); F(s.Individuals);
            }
            sb.Append('\u001e');
        }
        F(a.OriginPcode); F(a.OriginName); F(a.DisplacementReason); F(a.ArrivalPeriod); F(a.Shelter);
        F(string.Join('\u001d', a.Needs)); F(a.KeyInformants);
        return SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>The SHA-256 of a flow observation's content, provenance excluded.</summary>
    public static byte[] Of(FlowObservation o)
    {
        var c = o.Counts;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{o.RecordId}\u001f{o.PointCode}\u001f{o.Date.DayNumber}\u001f{(int)o.Direction}\u001f{c.Male0To4},{c.Male5To17},{c.Male18To59},{c.Male60Plus},{c.Female0To4},{c.Female5To17},{c.Female18To59},{c.Female60Plus},{c.Total}\u001f{o.Nationality}\u001f{o.PreviousLocation}\u001f{o.NextLocation}\u001f{(int)o.Reason}\u001f{(int)o.Transport}\u001f{(int)o.TravellerType}");
        // 16 bytes are plenty to tell versions of one record apart and keep a million rows small.
        return SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
    }
}

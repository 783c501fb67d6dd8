using System.Text.Json.Serialization;
using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Core.Application.Reports;

/// <summary>
/// The JSON of Mosaic's reports, generated at build time: snake_case names, indented. The CLI's <c>--json</c> writes
/// every report through it, and the HTTP API resolves these types through it first, so a report has one schema
/// wherever it is read. A report type missing here fails at its first serialisation (tests run every command).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorReport))]
[JsonSerializable(typeof(DatabaseReport))]
[JsonSerializable(typeof(ClusterReport))]
[JsonSerializable(typeof(AuditListReport))]
[JsonSerializable(typeof(AuditVerifyReport))]
[JsonSerializable(typeof(UserListReport))]
[JsonSerializable(typeof(IReadOnlyList<UserReport>))]
[JsonSerializable(typeof(AddedAccountReport))]
[JsonSerializable(typeof(AddedUserReport))]
[JsonSerializable(typeof(UserStateReport))]
[JsonSerializable(typeof(IssuedTokenReport))]
[JsonSerializable(typeof(IndicatorListReport))]
[JsonSerializable(typeof(DtmExportReport))]
[JsonSerializable(typeof(AreaImportReport))]
[JsonSerializable(typeof(DtmImportReport))]
[JsonSerializable(typeof(FlowImportReport))]
[JsonSerializable(typeof(HazardImportReport))]
[JsonSerializable(typeof(RegistrationImportReport))]
[JsonSerializable(typeof(TabulationReport))]
[JsonSerializable(typeof(AgeBandsReport))]
[JsonSerializable(typeof(PublicationReport))]
[JsonSerializable(typeof(TableAuditReport))]
[JsonSerializable(typeof(KAnonymityCheckReport))]
[JsonSerializable(typeof(MicrodataExportReport))]
[JsonSerializable(typeof(ScoreReport))]
[JsonSerializable(typeof(TargetListReport))]
[JsonSerializable(typeof(MobilitySummaryReport))]
[JsonSerializable(typeof(FlowPointSummary))]
[JsonSerializable(typeof(DemoRunReport))]
[JsonSerializable(typeof(IReadOnlyList<AreaReport>))]
[JsonSerializable(typeof(AreaDetailReport))]
[JsonSerializable(typeof(FlowSeriesReport))]
[JsonSerializable(typeof(TargetListContentReport))]
[JsonSerializable(typeof(RegistrationPageReport))]
[JsonSerializable(typeof(ImportJobReport))]
[JsonSerializable(typeof(IReadOnlyList<ImportJobReport>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
public sealed partial class MosaicJson : JsonSerializerContext;

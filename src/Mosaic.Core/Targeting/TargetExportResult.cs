using Mosaic.Core.Storage;

namespace Mosaic.Core.Targeting;

/// <summary>What a target list export did.</summary>
/// <param name="Output">The file written.</param>
/// <param name="Run">The scoring run the list was taken from.</param>
/// <param name="List">The list: targeted households, quotas, coverage, errors.</param>
/// <param name="AreaNames">Names of the areas the list names (quota areas), by P-code.</param>
/// <param name="AuditEntryId">The audit entry recording the contacts, when they were included.</param>
public sealed record TargetExportResult(string Output, ScoreRunInfo Run, TargetList List, IReadOnlyDictionary<string, string> AreaNames, long? AuditEntryId);

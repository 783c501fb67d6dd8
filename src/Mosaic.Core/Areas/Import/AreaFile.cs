using Mosaic.Core.Import;

namespace Mosaic.Core.Areas.Import;

/// <summary>Areas read from a file (each with the row it came from), and the rows that could not be read.</summary>
internal sealed record AreaFile(IReadOnlyList<(Area Area, long Row)> Areas, IReadOnlyList<ImportIssue> Issues, IReadOnlyList<ImportIssue>? Warnings = null);

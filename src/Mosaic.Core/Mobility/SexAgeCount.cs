using Mosaic.Core.Registry;

namespace Mosaic.Core.Mobility;

/// <summary>Individuals of one sex and age band (see <see cref="AgeGroups"/>).</summary>
public sealed record SexAgeCount(Sex Sex, string AgeGroup, long Individuals);

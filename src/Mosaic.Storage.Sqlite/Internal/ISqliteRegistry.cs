using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>The registry with its columnar read path, persisted snapshot, publication log and settings, as one interface so the boundary proxy keeps them all.</summary>
internal interface ISqliteRegistry : IRegistryStore, IPersistedSnapshotSource, IRandomAccessImageSource, IHouseholdsByIdSource, IPublicationLog, IDatabaseSettings;

/// <summary>The score store with its column reads, as one interface so the boundary proxy keeps both.</summary>
internal interface ISqliteScores : IScoreStore, IScoreColumnsSource, IStreamedScoreStore;

namespace Mosaic.Core.Disclosure;

/// <summary>A file that is not a table Mosaic wrote (the message names the file, row and column).</summary>
public sealed class PublishedTableException(string message) : Exception(message);

namespace Mosaic.Core.Access;

/// <summary>A request about accounts that cannot be done, with the reason in words (bad role, unknown scope, taken name…).</summary>
public sealed class AccountException(string message) : Exception(message);

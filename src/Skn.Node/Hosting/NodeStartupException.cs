namespace Skn.Node.Hosting;

/// <summary>
/// The node cannot start for a reason its message explains to the operator (a foreign or newer
/// database file, say): printed as one line, without a stack trace.
/// </summary>
public sealed class NodeStartupException(string message, Exception innerException) : Exception(message, innerException);

namespace Outcomes.LocalHost.Outputs;

/// <summary>An output the handler returned could not be delivered; the invocation fails, as it does in the host.</summary>
internal sealed class OutputBindingException(string message, Exception? inner = null) : Exception(message, inner);

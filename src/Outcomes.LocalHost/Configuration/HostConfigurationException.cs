namespace Outcomes.LocalHost.Configuration;

/// <summary>A problem in host.json, a function.json or local.settings.json that stops the local host from starting.</summary>
internal sealed class HostConfigurationException(string message) : Exception(message);

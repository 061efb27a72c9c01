namespace Outcomes.Functions;

/// <summary>
/// What an HTTP endpoint hands to the Functions host besides its response: messages for output bindings (by binding
/// name) and lines for the invocation log. Scoped to the request; <see cref="WrappedHttpAdapter"/> returns them under
/// <c>Outputs</c> only when the endpoint answered 2xx (or 303 after a form it took), so a refused request sends nothing.
/// </summary>
public sealed class FunctionOutputs
{
    private readonly Dictionary<string, List<object>> messages = new(StringComparer.Ordinal);
    private readonly List<string> logs = [];

    public void Send(string bindingName, object message)
    {
        if (!messages.TryGetValue(bindingName, out var list))
            messages[bindingName] = list = [];
        list.Add(message);
    }

    public void Log(string line) => logs.Add(line);

    public IReadOnlyList<string> Logs => logs;

    /// <summary>One entry per output binding: its only message, or an array when there are several (the host sends each).</summary>
    public IEnumerable<KeyValuePair<string, object?>> Bindings =>
        messages.Select(m => KeyValuePair.Create(m.Key, m.Value.Count == 1 ? m.Value[0] : (object?)m.Value.ToArray()));
}

using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Timers;

namespace Outcomes.LocalHost.Http;

/// <summary>The app's functions by name (case-insensitive, as the host looks them up), with the timer of each timer function.</summary>
internal sealed class FunctionIndex(IReadOnlyList<FunctionDefinition> functions, IReadOnlyList<TimerFunction> timers)
{
    public IReadOnlyList<FunctionDefinition> All => functions;

    public IReadOnlyList<TimerFunction> Timers => timers;

    public FunctionDefinition? Find(string name) => functions.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public TimerFunction Timer(string name) => timers.Single(t => t.Function.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

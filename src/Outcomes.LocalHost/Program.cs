using Outcomes.LocalHost;

return await LocalHostApp.RunAsync(args, HostConsole.Standard);

// Internal, so that test projects that load both the handler and the local host see one public Program (the handler's).
internal partial class Program;

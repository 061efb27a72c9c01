using Outcomes.LocalHost;

return await LocalHostApp.RunAsync(args, HostConsole.Standard);

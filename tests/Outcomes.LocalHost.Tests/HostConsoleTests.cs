namespace Outcomes.LocalHost.Tests;

public sealed class HostConsoleTests
{
    [Fact]
    public void Quiet_invocations_leave_out_starts_and_successes_but_not_failures_and_come_back_when_turned_off()
    {
        var written = new StringWriter();
        var console = new HostConsole(written, TimeProvider.System);

        console.QuietInvocations(true);
        console.Invocation("Executing 'Functions.RegisterProcedure'");
        console.Log("Executed 'Functions.RecordSurveyResponse' (Failed)");
        console.Line("Demo: registered 30/300 procedures");
        console.QuietInvocations(false);
        console.Invocation("Executed 'Functions.SendFollowUpSurveys' (Succeeded)");

        var lines = written.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Collection(lines,
            l => Assert.EndsWith("Executed 'Functions.RecordSurveyResponse' (Failed)", l),
            l => Assert.Equal("Demo: registered 30/300 procedures", l),
            l => Assert.EndsWith("Executed 'Functions.SendFollowUpSurveys' (Succeeded)", l));
    }
}

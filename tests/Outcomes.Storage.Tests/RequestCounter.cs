using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tests;

/// <summary>Counts the Table requests a client sends whose path contains <paramref name="pathPart"/> (e.g. "$batch").</summary>
internal sealed class RequestCounter(string pathPart) : HttpPipelineSynchronousPolicy
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Uri.Path.Contains(pathPart, StringComparison.Ordinal))
            Interlocked.Increment(ref count);
    }
}

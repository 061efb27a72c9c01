using System.Net.Sockets;
using Azure;
using Azure.Messaging.ServiceBus;

namespace Outcomes.Functions.Tests;

/// <summary>Which failures are storage out of reach (503, try again) and which stay faults (500).</summary>
public sealed class StorageUnavailableTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new RequestFailedException(0, "Connection refused"), true },
        { new RequestFailedException(503, "Server busy"), true },
        { new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "refused"), new RequestFailedException(0, "refused")), true },
        { new RequestFailedException("Connection refused", new HttpRequestException("refused", new SocketException(111))), true },
        { new RequestFailedException(409, "Conflict"), false },
        { new RequestFailedException(404, "Not found"), false },
        { new AggregateException(new RequestFailedException(0, "refused"), new InvalidOperationException("a bug")), false },
        { new InvalidOperationException("a bug"), false },
        { new ServiceBusException(isTransient: true, "Service Bus could not be reached"), true },
        { new ServiceBusException("No such entity", ServiceBusFailureReason.MessagingEntityNotFound), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Only_storage_out_of_reach_is_unavailable(Exception failure, bool unavailable) =>
        Assert.Equal(unavailable, StorageUnavailable.Unreachable(failure));
}

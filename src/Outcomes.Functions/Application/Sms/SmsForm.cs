using Microsoft.AspNetCore.Http.HttpResults;

namespace Outcomes.Functions;

/// <summary>
/// Reads the SMS webhook's form, which anyone can send before its signature is checked, within bounds. Twilio's webhooks
/// are a few KB, so a body over <see cref="MaxBytes"/> is a 413 before it is read: at once when its Content-Length says so,
/// and by Kestrel's own limit (the route's <c>RequestSizeLimit</c>) when a chunked body runs over. A body the server refuses
/// keeps the server's status (400 malformed or cut short, 408 too slow, 413 too large); a form the form reader refuses (too
/// many fields, a name too long, a percent-encoded NUL, broken multipart) is a 400. None is the app's error.
/// </summary>
internal static class SmsForm
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return (null, Problems.BodyTooLarge(MaxBytes));
        if (!request.HasFormContentType)
            return (FormCollection.Empty, null);
        try
        {
            return (await request.ReadFormAsync(ct), null);
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? Problems.BodyTooLarge(MaxBytes) : SmsReplies.Unreadable(e.StatusCode, e.Message));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)   // the form reader's limits and checks; multipart that breaks off
        {
            return (null, SmsReplies.Unreadable(StatusCodes.Status400BadRequest, "The body is not a form this webhook can read."));
        }
    }
}

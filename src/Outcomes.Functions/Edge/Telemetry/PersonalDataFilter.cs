using System.Diagnostics;
using OpenTelemetry;

namespace Outcomes.Functions;

/// <summary>
/// Takes out of every span what could carry personal data before any exporter sees it. A request's path is replaced by
/// its route template (<c>/api/surveys/{token}</c>, never the token) and dropped when no route matched; its query, the
/// client's address and its user agent are dropped. An outgoing call's URL (Table Storage) keeps its scheme, host and
/// table and loses its key predicate and query, where partition and row keys would be. The span's name follows the
/// route. Keys (the Authorization header, cookies) are never recorded by the instrumentation in the first place.
/// </summary>
public sealed class PersonalDataFilter : BaseProcessor<Activity>
{
    private static readonly string[] Dropped = ["url.query", "http.query", "client.address", "network.peer.address", "user_agent.original", "http.user_agent"];
    private static readonly string[] Urls = ["url.full", "http.url", "url.path", "http.target"];

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in Dropped)
            if (activity.GetTagItem(tag) is not null)
                activity.SetTag(tag, null);

        if (activity.Kind == ActivityKind.Server)
        {
            var route = activity.GetTagItem("http.route") as string;
            activity.SetTag("url.path", route);
            activity.SetTag("http.target", null);
            var method = activity.GetTagItem("http.request.method") as string ?? "HTTP";
            activity.DisplayName = route is null ? method : $"{method} {route}";
            return;
        }
        foreach (var tag in Urls)
            if (activity.GetTagItem(tag) is string url)
                activity.SetTag(tag, WithoutKeys(url));
    }

    /// <summary>The URL up to its first key predicate <c>(...)</c> or query.</summary>
    public static string WithoutKeys(string url)
    {
        var end = url.IndexOfAny(['(', '?', '#']);
        return end < 0 ? url : url[..end];
    }
}

using System.Net;

namespace Outcomes.Functions;

/// <summary>
/// The frame of every page the app serves (patients' and the dashboard's forms): one self-contained document with its
/// styles inline, no script and nothing fetched from elsewhere, not indexed, sending no referrer.
/// </summary>
internal static class HtmlDocument
{
    /// <param name="bodyHtml">Markup, already encoded where it holds text.</param>
    public static string Render(string language, string title, string styles, string bodyHtml) => $"""
        <!doctype html>
        <html lang="{WebUtility.HtmlEncode(language)}">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{WebUtility.HtmlEncode(title)}</title>
        <style>{styles}</style>
        </head>
        <body>
        <main>
        {bodyHtml}
        </main>
        </body>
        </html>
        """;
}

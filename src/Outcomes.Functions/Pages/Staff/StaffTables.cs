using System.Net;

namespace Outcomes.Functions.Staff;

/// <summary>
/// The staff pages' table headers and cells. Each cell names its column in <c>data-label</c>: at phone width, where a
/// row is laid out as a card and the header row is out of sight (<see cref="StaffStyles"/>), the column's name is drawn
/// before the value, so a card says what each of its values is.
/// </summary>
internal static class StaffTables
{
    public static string Head(params IEnumerable<string> columns) =>
        $"<thead><tr>{string.Concat(columns.Select(c => $"<th scope=\"col\">{Text(c)}</th>"))}</tr></thead>";

    /// <summary>The row's header cell, of column <paramref name="column"/>, holding <paramref name="html"/> (already encoded).</summary>
    public static string RowHeader(string column, string html) => $"<th scope=\"row\" data-label=\"{Text(column)}\">{html}</th>";

    /// <summary>A cell of column <paramref name="column"/>, holding <paramref name="html"/> (already encoded).</summary>
    public static string Cell(string column, string html) => $"<td data-label=\"{Text(column)}\">{html}</td>";

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}

namespace Outcomes.Storage.Tables;

/// <summary>Ids that come from a URL are checked before they become a PartitionKey or RowKey.</summary>
internal static class TableKeys
{
    /// <summary>ASCII letters, digits, '-' and '_', at most 128: nothing Table Storage forbids in a key ('/', '\', '#', '?', controls).</summary>
    public static bool IsSafe(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

using System.Xml.Linq;

namespace Outcomes.Functions.Tests.Patients;

/// <summary>The pages are kept well-formed XML after the doctype, so tests read them with System.Xml.</summary>
internal static class PageAssert
{
    public const string Doctype = "<!doctype html>";

    public static XDocument WellFormed(string html)
    {
        Assert.StartsWith(Doctype, html);
        return XDocument.Parse(html[Doctype.Length..]);
    }

    public static IEnumerable<XElement> All(this XDocument page, string name) => page.Descendants(name);

    public static string? Attr(this XElement element, string name) => element.Attribute(name)?.Value;
}

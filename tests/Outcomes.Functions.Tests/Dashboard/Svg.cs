using System.Globalization;
using System.Xml.Linq;

namespace Outcomes.Functions.Tests.Dashboard;

/// <summary>Reading the charts back as XML.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg)
    {
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        var root = XElement.Parse(svg);
        Assert.Equal(Ns + "svg", root.Name);
        Assert.False(string.IsNullOrWhiteSpace(root.Element(Ns + "title")?.Value), "An SVG has a <title>.");
        Assert.False(string.IsNullOrWhiteSpace(root.Element(Ns + "desc")?.Value), "An SVG has a <desc>.");
        Assert.Equal("img", root.Attribute("role")?.Value);
        foreach (var element in root.DescendantsAndSelf())
            foreach (var attribute in element.Attributes().Where(a => a.Name.LocalName == "href"))
                Assert.StartsWith("#", attribute.Value);
        return root;
    }

    public static IEnumerable<XElement> WithClass(this XElement root, string cls) =>
        root.Descendants().Where(e => (e.Attribute("class")?.Value ?? "").Split(' ').Contains(cls));

    /// <summary>The elements drawn in the chart itself, not the samples in its legend.</summary>
    public static IEnumerable<XElement> OutsideLegend(this IEnumerable<XElement> elements) =>
        elements.Where(e => !e.Ancestors().Any(a => (a.Attribute("class")?.Value ?? "").Split(' ').Contains("legend")));

    public static double Num(this XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    /// <summary>The points of a path made of M/L commands: "M1 2L3 4".</summary>
    public static List<(double X, double Y)> PathPoints(this XElement path) =>
        path.Attribute("d")!.Value.TrimEnd('Z').Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim().Split(' ')).Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture))).ToList();

    /// <summary>Runs <paramref name="action"/> under a culture that writes decimals with a comma.</summary>
    public static T UnderCommaCulture<T>(Func<T> action)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try { return action(); }
        finally { CultureInfo.CurrentCulture = before; }
    }
}

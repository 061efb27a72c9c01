namespace Outcomes.Functions.Dashboard;

/// <summary>The dashboard's stylesheet, inline in the page (nothing is fetched from elsewhere): laptop, tablet and print.</summary>
internal static class DashboardStyles
{
    public const string Css = """

        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
        .wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
        header { background: #0b3d73; color: #ffffff; padding: 0.75rem 0; }
        header h1 { font-size: 1.5rem; margin: 0.25rem 0; }
        header .meta { margin: 0 0 0.5rem; color: #dfe9f5; }
        header nav a { color: #ffffff; margin-right: 1rem; text-underline-offset: 3px; display: inline-block; padding: 0.25rem 0; }
        .sign-out { float: right; margin: 0; }
        .sign-out button { font: inherit; min-height: 2.75rem; padding: 0.4rem 1rem; border: 2px solid #ffffff; border-radius: 0.4rem; background: transparent; color: #ffffff; cursor: pointer; }
        section { margin: 2rem 0; }
        h2 { font-size: 1.35rem; border-bottom: 2px solid #d0d7e2; padding-bottom: 0.25rem; }
        h3 { font-size: 1.1rem; }
        figure { margin: 1rem 0; }
        figcaption { color: #4a4a4a; font-size: 0.95rem; }
        svg.chart { display: block; max-width: 48rem; height: auto; font-size: 13px; font-family: inherit; }
        svg .axis line, svg .axis polyline { stroke: #333333; stroke-width: 1; }
        svg .grid { stroke: #e3e6ea; }
        svg .tick, svg .axis-label, svg .legend text, svg .clinic-label, svg .benchmark-label { fill: #1a1a1a; }
        svg .axis-label { font-weight: 600; }
        svg .series-line { stroke: #0b4f9c; stroke-width: 2.5; }
        svg .point { fill: #0b4f9c; stroke: #ffffff; stroke-width: 1.5; }
        svg .ci { stroke: #0b4f9c; stroke-width: 1.75; fill: none; }
        svg .benchmark-marker { fill: #ffffff; stroke: #b35c00; stroke-width: 2; }
        svg .benchmark-range { stroke: #b35c00; stroke-width: 3; stroke-dasharray: 4 2; }
        svg .benchmark-label { font-size: 11px; fill: #7a3f00; }
        svg .bar.s0 { fill: #0b4f9c; } svg .bar.s1 { fill: #b35c00; } svg .bar.s2 { fill: #2e7d32; } svg .bar.s3 { fill: #6a1b9a; }
        svg .bars .ci { stroke: #1a1a1a; }
        svg .missing { fill: #4a4a4a; }
        svg .pooled-mean { stroke: #1a1a1a; stroke-width: 1.5; }
        svg .limit { stroke: #555555; fill: none; }
        svg .limit-95 { stroke-dasharray: 6 4; stroke-width: 1.5; }
        svg .limit-998 { stroke-width: 2; }
        svg .clinic { fill: #4a6a8a; stroke: #ffffff; stroke-width: 1; }
        svg .clinic.outside-95 { fill: #d17a00; }
        svg .clinic.outside-998 { fill: #b00020; }
        svg .clinic-label { font-size: 11px; }
        svg .leader { stroke: #8a8a8a; stroke-width: 1; }
        svg .direction { stroke: #1a1a1a; stroke-width: 1.5; fill: none; }
        .table { margin: 0.5rem 0 1rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.95rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
        th, td { padding: 0.35rem 0.5rem; border-bottom: 1px solid #d0d7e2; text-align: right; overflow-wrap: break-word; }
        thead th { vertical-align: bottom; }
        th[scope=row], thead th:first-child { text-align: left; }
        thead th { background: #f1f4f8; }
        tr.suppressed td { color: #6a6a6a; font-style: italic; }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; margin: 1rem 0; }
        .figures div { border: 1px solid #d0d7e2; border-radius: 0.5rem; padding: 0.5rem 0.75rem; }
        .figures dt { color: #4a4a4a; font-size: 0.9rem; } .figures dd { margin: 0; font-size: 1.3rem; font-weight: 700; }
        .citations li { margin-bottom: 0.5rem; } .study-id { font-weight: 700; }
        .citations a { overflow-wrap: anywhere; }
        a { color: #0b4f9c; }
        :focus-visible { outline: 3px solid #b35c00; outline-offset: 3px; }
        @media (min-width: 64rem) { body { font-size: 1.05rem; } }
        @media print {
          @page { margin: 1.5cm; }
          body { font-size: 10pt; color: #000000; }
          header { background: none; color: #000000; padding: 0; border-bottom: 2px solid #000000; }
          header .meta { color: #000000; }
          header nav, .sign-out { display: none; }
          .wrap { max-width: none; padding: 0; }
          section { margin: 1rem 0; }
          figure, .table, .figures { break-inside: avoid; page-break-inside: avoid; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          svg.chart { max-width: 17cm; }
        }

        """;
}

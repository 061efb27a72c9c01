using Microsoft.Playwright;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// What a person sees of a page as the browser laid it out, measured in the page: tables that hide columns, chart
/// labels clipped or drawn over each other, marks missing from a legend. Each check returns one line per problem.
/// </summary>
public static class Layout
{
    /// <summary>
    /// Tables wider than their container, cells outside the window, and any scroll area in the page (a table shown in
    /// one hides columns that a keyboard may never reach).
    /// </summary>
    public static Task<string[]> TableProblemsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const problems = [], width = document.documentElement.clientWidth;
          const name = t => (t.caption ? t.caption.textContent.trim() : 'a table without a caption');
          for (const table of document.querySelectorAll('table')) {
            const box = table.parentElement;
            if (table.scrollWidth > box.clientWidth + 0.5) problems.push(`${name(table)}: ${table.scrollWidth} px wide in ${box.clientWidth} px`);
            for (const cell of table.querySelectorAll('th, td')) {
              const r = cell.getBoundingClientRect();
              if (r.width <= 0 || r.height <= 0 || r.left < -0.5 || r.right > width + 0.5)
                problems.push(`${name(table)}: cell "${cell.textContent.trim()}" at ${r.left.toFixed(0)}–${r.right.toFixed(0)} of ${width} px`);
              if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${name(table)}: cell "${cell.textContent.trim()}" cut off`);
            }
          }
          for (const e of document.body.querySelectorAll('*')) {
            const s = getComputedStyle(e);
            if (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth) problems.push(`a scroll area: ${e.tagName.toLowerCase()}.${e.className}`);
          }
          return problems;
        }
        """);

    /// <summary>
    /// Cells shown without their column's name before their value: in a table laid out as cards (its header row out of
    /// sight), each cell must draw its column's header text before it (its <c>::before</c>, as the browser computed it).
    /// A table with no cell shown is a problem too, so an empty page passes nothing.
    /// </summary>
    public static Task<string[]> CellsWithoutTheirColumnAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const problems = [];
          for (const table of document.querySelectorAll('table')) {
            const name = table.caption ? table.caption.textContent.trim() : 'a table without a caption';
            const columns = table.tHead ? [...table.tHead.rows[0].cells].map(c => c.textContent.trim()) : [];
            let shownCells = 0;
            for (const body of table.tBodies)
              for (const row of body.rows)
                [...row.cells].forEach((cell, i) => {
                  if (cell.getClientRects().length === 0 || getComputedStyle(cell).visibility !== 'visible') return;
                  shownCells++;
                  const before = getComputedStyle(cell, '::before');
                  const content = before.content.replace(/attr\(([\w-]+)\)/g, (_, a) => JSON.stringify(cell.getAttribute(a) ?? ''));
                  const label = before.display === 'none' || content === 'none' || content === 'normal' ? ''
                    : [...content.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => m[1]).join('');
                  if (label.replace(/:\s*$/, '').trim() !== columns[i])
                    problems.push(`${name}: cell "${cell.textContent.trim()}" shows "${label}" before it, not its column "${columns[i]}"`);
                });
            if (shownCells === 0) problems.push(`${name}: no cell shown`);
          }
          return problems;
        }
        """);

    /// <summary>
    /// In every chart (inline SVG): text whose box reaches past the chart's, and pairs of texts whose boxes meet, as the
    /// browser drew them (rotated text by the box around it).
    /// </summary>
    public static Task<string[]> ChartLabelProblemsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const problems = [];
          for (const svg of document.querySelectorAll('svg.chart')) {
            const outer = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '' && t.getClientRects().length > 0)
              .map(t => ({ text: (t.querySelector('title') ? t.textContent.replace(t.querySelector('title').textContent, '') : t.textContent).trim(), r: t.getBoundingClientRect() }));
            if (texts.length === 0) problems.push(`${svg.id}: no text drawn`);
            for (const { text, r } of texts)
              if (r.left < outer.left - 0.5 || r.top < outer.top - 0.5 || r.right > outer.right + 0.5 || r.bottom > outer.bottom + 0.5)
                problems.push(`${svg.id}: "${text}" is clipped (${r.left.toFixed(1)},${r.top.toFixed(1)}–${r.right.toFixed(1)},${r.bottom.toFixed(1)} outside ${outer.left.toFixed(1)},${outer.top.toFixed(1)}–${outer.right.toFixed(1)},${outer.bottom.toFixed(1)})`);
            for (let i = 0; i < texts.length; i++)
              for (let j = i + 1; j < texts.length; j++) {
                const a = texts[i].r, b = texts[j].r;
                if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
                  problems.push(`${svg.id}: "${texts[i].text}" and "${texts[j].text}" are drawn over each other`);
              }
          }
          return problems;
        }
        """);

    /// <summary>
    /// Marks drawn in a chart whose kind (element and classes) has no sample in its legend, and published studies whose
    /// marker's study and arm the legend does not name.
    /// </summary>
    public static Task<string[]> LegendProblemsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const problems = [];
          const kind = e => e.tagName.toLowerCase() === 'text' ? 'text.missing' : '.' + [...e.classList].filter(c => c !== 'upper' && c !== 'lower').sort().join('.');
          for (const svg of document.querySelectorAll('svg.chart')) {
            const legend = svg.querySelector('.legend');
            if (!legend) { problems.push(`${svg.id}: no legend`); continue; }
            const inLegend = new Set([...legend.querySelectorAll('[class]')].map(kind));
            const marks = [...svg.querySelectorAll('.point, .ci, .benchmark-marker, .benchmark-range, .bar, .missing, .clinic, .pooled-mean, .limit')]
              .filter(e => !legend.contains(e));
            for (const k of new Set(marks.map(kind)))
              if (!inLegend.has(k)) problems.push(`${svg.id}: ${k} is drawn but not in the legend`);
            const legendText = legend.textContent;
            for (const b of svg.querySelectorAll('.benchmark'))
              if (!legendText.includes(`${b.dataset.study} (${b.dataset.arm})`))
                problems.push(`${svg.id}: ${b.dataset.study} (${b.dataset.arm}) is not in the legend`);
          }
          return problems;
        }
        """);
}

namespace Outcomes.Functions.Staff;

/// <summary>
/// The staff pages' styles: readable on a laptop and a tablet, tables that wrap instead of scrolling, visible focus. On
/// a phone each table row is a card: every cell shows its column's name (its <c>data-label</c>) before its value, and an
/// empty cell is left out.
/// </summary>
internal static class StaffStyles
{
    public const string Css = """

        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
        main { max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; }
        nav { display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: 1rem; }
        h1 { font-size: 1.5rem; color: #0b3d73; }
        table { width: 100%; border-collapse: collapse; margin: 1rem 0 2rem; table-layout: auto; }
        caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
        th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.5rem; border-bottom: 1px solid #c8c8c8; overflow-wrap: anywhere; }
        thead th { border-bottom: 2px solid #4a4a4a; }
        .flag { color: #9b0018; font-weight: 700; }
        .empty { color: #4a4a4a; }
        .error { color: #9b0018; font-weight: 600; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        label { display: block; font-weight: 600; }
        input { font: inherit; min-height: 2.75rem; padding: 0.4rem 0.6rem; border: 2px solid #4a4a4a; border-radius: 0.4rem; max-width: 100%; }
        button { font: inherit; min-height: 2.75rem; padding: 0.4rem 1rem; border: 0; border-radius: 0.4rem; background: #0b3d73; color: #ffffff; cursor: pointer; }
        button.quiet { background: #ffffff; color: #0b3d73; border: 2px solid #0b3d73; }
        form.answer, form.event { max-width: 36rem; display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.5rem; margin-bottom: 2rem; }
        fieldset { border: 1px solid #c8c8c8; border-radius: 0.4rem; padding: 0.5rem 0.75rem; }
        legend { font-weight: 600; }
        label.choice { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 400; margin-right: 1rem; min-height: 2.75rem; }
        label.choice input { min-height: auto; width: 1.25rem; height: 1.25rem; }
        select { font: inherit; min-height: 2.75rem; max-width: 100%; border: 2px solid #4a4a4a; border-radius: 0.4rem; }
        .notice { border-left: 4px solid #0b3d73; padding: 0.25rem 0.75rem; background: #eaf1fa; }
        .hint { margin: 0; color: #4a4a4a; }
        .consequence { border-left: 4px solid #9b0018; padding: 0.25rem 0.75rem; background: #fbeff1; }
        .consequence p { margin: 0.25rem 0; }
        form.event label.choice { display: flex; margin-right: 0; }
        [aria-invalid=true] { border-color: #9b0018; }
        form.search { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
        form.search label { flex-basis: 100%; }
        a { color: #0b4f9c; }
        :focus-visible { outline: 3px solid #b35c00; outline-offset: 3px; }
        @media (max-width: 50rem) {
          table, caption, thead, tbody, tr, th, td { display: block; }
          thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          tr { border-bottom: 2px solid #4a4a4a; padding: 0.5rem 0; }
          th, td { border: 0; padding: 0.2rem 0; }
          [data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
          td[data-label]:empty { display: none; }
        }

        """;
}

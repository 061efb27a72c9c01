using static Outcomes.Functions.Patients.HtmlText;

namespace Outcomes.Functions.Patients;

/// <summary>
/// The frame of every patient page: one self-contained document with inline styles, no script and nothing fetched
/// from elsewhere, so a page works on any phone and leaks the link's token to no third party.
/// </summary>
internal static class PageLayout
{
    public static string Page(LanguageTexts t, string title, string mainHtml) => HtmlDocument.Render(t.Tag, title, Styles, mainHtml);

    /// <summary>A page that only tells the patient something: a heading and a paragraph, and who the survey is from when that is known.</summary>
    public static string Message(LanguageTexts t, string key, ClinicContact? clinic = null) =>
        Page(t, t[key + ".title"], $"<h1>{Encode(t[key + ".title"])}</h1>\n<p>{Lines(t[key + ".body"])}</p>{Clinic(t, clinic, always: true)}");

    /// <summary>
    /// The clinic's line: "Questions? Call {clinic} on {phone}." with the number as a <c>tel:</c> link when the clinic
    /// gave a phone; else, when <paramref name="always"/>, "This survey is from {clinic}."; else nothing.
    /// </summary>
    public static string Clinic(LanguageTexts t, ClinicContact? clinic, bool always)
    {
        if (clinic is null)
            return "";
        if (clinic is { PhoneE164: { } e164, PhoneShown: { } shown })
            return $"\n<p class=\"clinic\">{HtmlText.Format(t, "clinic.call", [("clinicName", clinic.Name)], ("phone", PhoneLink(e164, shown)))}</p>";
        return always ? $"\n<p class=\"clinic\">{HtmlText.Format(t, "clinic.from", ("clinicName", clinic.Name))}</p>" : "";
    }

    /// <summary>The number as a link a phone dials; it never breaks across lines.</summary>
    public static string PhoneLink(string e164, string shown) =>
        $"<a href=\"tel:{Encode(e164)}\" style=\"white-space:nowrap\">{Encode(shown)}</a>";

    // The pain scale fills as many columns as its labels have room for at the user's text size: 6 on a phone, 11 on a
    // laptop, 3 on a phone with text at 200 %; a word longer than its choice's box ("(acetaminophen)" at 200 %) breaks
    // rather than widen the page past the screen.
    // Touch targets are at least 48 px (WCAG 2.5.5 asks 44), text scales with the user's font size, and the focus
    // outline is thick and offset so keyboard users always see where they are.
    private const string Styles = """

        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
               font-size: 1.125rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
        main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
        p { margin: 0 0 1rem; }
        fieldset { border: 0; padding: 0; margin: 0 0 2rem; min-width: 0; }
        legend { font-weight: 700; font-size: 1.2rem; padding: 0; margin-bottom: 0.5rem; }
        .hint { color: #4a4a4a; margin-bottom: 0.75rem; }
        .scale { display: grid; grid-template-columns: repeat(auto-fill, minmax(2.9rem, 1fr)); gap: 0.5rem; }
        .choice { position: relative; }
        .choice label { display: flex; align-items: center; gap: 0.75rem; min-height: 3rem; padding: 0.5rem 0.75rem;
                        border: 2px solid #8a8a8a; border-radius: 0.5rem; cursor: pointer; overflow-wrap: anywhere; }
        .options .choice + .choice { margin-top: 0.5rem; }
        .choice input { width: 1.5rem; height: 1.5rem; margin: 0; accent-color: #0b4f9c; }
        .scale .choice label { flex-direction: column; justify-content: flex-end; gap: 0; padding: 2.4rem 0 0.4rem; font-weight: 700; }
        .scale .choice input { position: absolute; top: 0.6rem; left: 50%; transform: translateX(-50%); }
        .options .choice input { position: absolute; left: 0.85rem; top: 0.85rem; }
        .options .choice label { padding-left: 3rem; }
        .choice input:checked + label { border-color: #0b4f9c; background: #e8f0fb; }
        .field { margin-bottom: 1rem; }
        .field label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
        select, input[type=number] { display: block; width: 100%; min-height: 3rem; font: inherit; padding: 0.5rem;
                                     border: 2px solid #5a5a5a; border-radius: 0.375rem; background: #ffffff; color: inherit; }
        button { font: inherit; font-weight: 700; min-height: 3rem; padding: 0.75rem 1.5rem; border: 0; border-radius: 0.5rem;
                 background: #0b4f9c; color: #ffffff; cursor: pointer; width: 100%; }
        button:hover { background: #083c77; }
        :focus-visible { outline: 3px solid #b35c00; outline-offset: 3px; }
        .choice input:focus-visible + label { outline: 3px solid #b35c00; outline-offset: 3px; }
        .errors { border: 3px solid #b00020; border-radius: 0.5rem; padding: 1rem; margin-bottom: 1.5rem; }
        .errors ul { margin: 0; padding-left: 1.25rem; }
        .errors a { color: #b00020; font-weight: 600; }
        .clinic { border-top: 1px solid #8a8a8a; padding-top: 1rem; margin-bottom: 1.5rem; }
        .clinic a { color: #0b4f9c; font-weight: 600; }
        .field-error { color: #b00020; font-weight: 600; margin-bottom: 0.5rem; }
        [aria-invalid=true], .choice input[aria-invalid=true] + label { border-color: #b00020; }
        @media (prefers-reduced-motion: reduce) { * { transition: none !important; } }

        """;
}

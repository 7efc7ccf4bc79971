package dev.agentruntime.browser.internal;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;

/** HTML to Markdown with flexmark, set up like OpenHands' html2text use: links kept, ATX headings, no ids. */
public final class Markdown {

    private static final FlexmarkHtmlConverter CONVERTER;

    static {
        MutableDataSet options = new MutableDataSet();
        options.set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false);
        options.set(FlexmarkHtmlConverter.MAX_BLANK_LINES, 1);
        options.set(FlexmarkHtmlConverter.MAX_TRAILING_BLANK_LINES, 0);
        options.set(FlexmarkHtmlConverter.SKIP_CHAR_ESCAPE, true); // readable text, as html2text writes it
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false);
        options.set(FlexmarkHtmlConverter.EXTRACT_AUTO_LINKS, false);
        options.set(FlexmarkHtmlConverter.SKIP_ATTRIBUTES, true);
        CONVERTER = FlexmarkHtmlConverter.builder(options).build();
    }

    private Markdown() {
    }

    /** Markdown of a simplified page body built by {@link PageWalk}. */
    public static String of(org.jsoup.nodes.Element body) {
        try {
            return CONVERTER.convert(body).strip();
        } catch (RuntimeException e) {
            // A converter failure must not lose the page: fall back to its text.
            return body.text();
        }
    }
}

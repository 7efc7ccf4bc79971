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
        CONVERTER = FlexmarkHtmlConverter.builder(options).build();
    }

    private Markdown() {
    }

    public static String of(String html) {
        try {
            return CONVERTER.convert(html).strip();
        } catch (RuntimeException e) {
            // A converter failure must not lose the page: fall back to its text.
            return html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        }
    }
}

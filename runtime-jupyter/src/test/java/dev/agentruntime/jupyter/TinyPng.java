package dev.agentruntime.jupyter;

/** A 1x1 PNG made without matplotlib, and a cell that displays it. */
final class TinyPng {

    static final String BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    static final String DISPLAY_CELL = "import base64\nfrom IPython.display import Image, display\n"
            + "display(Image(data=base64.b64decode('" + BASE64 + "')))";

    private TinyPng() {
    }
}

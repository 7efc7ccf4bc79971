package dev.agentruntime.browser.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The set-of-marks picture of BrowserGym: the screenshot with a box around every element marked for it (visible,
 * interactive) and its bid written at the box's corner, so that a vision model can name what it sees.
 *
 * <p>The labels are drawn with a small built-in pixel font, so that rendering needs no system font (a slim sandbox
 * image has none).
 */
public final class SetOfMarks {

    private static final Color BOX = new Color(255, 0, 0);
    private static final Color LABEL = new Color(255, 0, 0);
    private static final Color TEXT = Color.WHITE;
    private static final int SCALE = 2;

    /** 3x5 glyphs, one row per string, '#' set. */
    private static final Map<Character, String[]> GLYPHS = glyphs();

    private SetOfMarks() {
    }

    /**
     * Draws the marks on a PNG screenshot.
     *
     * @param png             the screenshot
     * @param extraProperties per bid: {@code bbox}, {@code visibility}, {@code set_of_marks}
     * @return the marked picture as PNG
     */
    public static byte[] render(byte[] png, Map<String, Map<String, Object>> extraProperties) {
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(png));
            if (source == null) {
                return new byte[0];
            }
            BufferedImage image = new BufferedImage(source.getWidth(), source.getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                g.drawImage(source, 0, 0, null);
                for (Map.Entry<String, Map<String, Object>> e : extraProperties.entrySet()) {
                    Map<String, Object> p = e.getValue();
                    if (Boolean.TRUE.equals(p.get("set_of_marks")) && p.get("bbox") instanceof List<?> box
                            && box.size() == 4 && visibility(p) >= 0.5) {
                        mark(g, e.getKey(), number(box.get(0)), number(box.get(1)), number(box.get(2)),
                                number(box.get(3)));
                    }
                }
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double visibility(Map<String, Object> p) {
        return p.get("visibility") instanceof Number n ? n.doubleValue() : 0;
    }

    private static int number(Object o) {
        return o instanceof Number n ? (int) Math.round(n.doubleValue()) : 0;
    }

    private static void mark(Graphics2D g, String bid, int x, int y, int w, int h) {
        g.setColor(BOX);
        g.drawRect(x, y, Math.max(1, w - 1), Math.max(1, h - 1));
        int labelWidth = bid.length() * 4 * SCALE + SCALE;
        int labelHeight = 7 * SCALE;
        int ly = Math.max(0, y - labelHeight);
        g.setColor(LABEL);
        g.fillRect(x, ly, labelWidth, labelHeight);
        g.setColor(TEXT);
        for (int i = 0; i < bid.length(); i++) {
            String[] glyph = GLYPHS.get(Character.toLowerCase(bid.charAt(i)));
            if (glyph == null) {
                continue;
            }
            for (int row = 0; row < 5; row++) {
                for (int col = 0; col < 3; col++) {
                    if (glyph[row].charAt(col) == '#') {
                        g.fillRect(x + SCALE + (i * 4 + col) * SCALE, ly + SCALE + row * SCALE, SCALE, SCALE);
                    }
                }
            }
        }
    }

    private static Map<Character, String[]> glyphs() {
        String[] digits = {
            "###", "#.#", "#.#", "#.#", "###",
            ".#.", "##.", ".#.", ".#.", "###",
            "###", "..#", "###", "#..", "###",
            "###", "..#", "###", "..#", "###",
            "#.#", "#.#", "###", "..#", "..#",
            "###", "#..", "###", "..#", "###",
            "###", "#..", "###", "#.#", "###",
            "###", "..#", "..#", "..#", "..#",
            "###", "#.#", "###", "#.#", "###",
            "###", "#.#", "###", "..#", "###",
        };
        String[] letters = {
            ".#.", "#.#", "###", "#.#", "#.#", // a
            "##.", "#.#", "##.", "#.#", "##.", // b
            ".##", "#..", "#..", "#..", ".##", // c
            "##.", "#.#", "#.#", "#.#", "##.", // d
            "###", "#..", "##.", "#..", "###", // e
            "###", "#..", "##.", "#..", "#..", // f
            ".##", "#..", "#.#", "#.#", ".##", // g
            "#.#", "#.#", "###", "#.#", "#.#", // h
            "###", ".#.", ".#.", ".#.", "###", // i
            "..#", "..#", "..#", "#.#", ".#.", // j
            "#.#", "#.#", "##.", "#.#", "#.#", // k
            "#..", "#..", "#..", "#..", "###", // l
            "#.#", "###", "###", "#.#", "#.#", // m
            "##.", "#.#", "#.#", "#.#", "#.#", // n
            ".#.", "#.#", "#.#", "#.#", ".#.", // o
            "##.", "#.#", "##.", "#..", "#..", // p
            ".#.", "#.#", "#.#", ".#.", "..#", // q
            "##.", "#.#", "##.", "#.#", "#.#", // r
            ".##", "#..", ".#.", "..#", "##.", // s
            "###", ".#.", ".#.", ".#.", ".#.", // t
            "#.#", "#.#", "#.#", "#.#", "###", // u
            "#.#", "#.#", "#.#", "#.#", ".#.", // v
            "#.#", "#.#", "###", "###", "#.#", // w
            "#.#", "#.#", ".#.", "#.#", "#.#", // x
            "#.#", "#.#", ".#.", ".#.", ".#.", // y
            "###", "..#", ".#.", "#..", "###", // z
        };
        Map<Character, String[]> map = new java.util.HashMap<>();
        for (int d = 0; d < 10; d++) {
            map.put((char) ('0' + d), java.util.Arrays.copyOfRange(digits, d * 5, d * 5 + 5));
        }
        for (int l = 0; l < 26; l++) {
            map.put((char) ('a' + l), java.util.Arrays.copyOfRange(letters, l * 5, l * 5 + 5));
        }
        return map;
    }
}

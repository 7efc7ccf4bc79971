package dev.agentruntime.core.files;

/**
 * Bounds for extracting an uploaded zip.
 *
 * @param maxEntries    the most entries an archive may have (default 100,000)
 * @param maxTotalBytes the most bytes all entries may expand to, counted as they are written, never trusted from
 *                      the headers (default 4 GiB)
 */
public record ExtractionLimits(int maxEntries, long maxTotalBytes) {
    public ExtractionLimits {
        if (maxEntries < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ExtractionLimits defaults() {
        return new ExtractionLimits(100_000, 4L << 30);
    }
}

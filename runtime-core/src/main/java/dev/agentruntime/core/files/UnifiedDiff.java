package dev.agentruntime.core.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code difflib.unified_diff(old, new, fromfile=path, tofile=path, n=0)} over lines split on {@code \n},
 * lines right-stripped and joined with {@code \n}, as the current OpenHands server reports edits.
 */
public final class UnifiedDiff {

    /** Above this many changed lines (product of both sides) the middle is reported as one replaced block. */
    private static final long MAX_DP_CELLS = 4_000_000;

    private UnifiedDiff() {
    }

    public static String of(String oldText, String newText, String path) {
        if (oldText.equals(newText)) {
            return "";
        }
        String[] a = oldText.split("\n", -1);
        String[] b = newText.split("\n", -1);
        List<String> out = new ArrayList<>();
        out.add("--- " + path);
        out.add("+++ " + path);
        for (int[] hunk : hunks(a, b)) {
            out.add("@@ -" + range(hunk[0], hunk[1]) + " +" + range(hunk[2], hunk[3]) + " @@");
            for (int i = hunk[0]; i < hunk[1]; i++) {
                out.add(("-" + a[i]).stripTrailing());
            }
            for (int j = hunk[2]; j < hunk[3]; j++) {
                out.add(("+" + b[j]).stripTrailing());
            }
        }
        return String.join("\n", out);
    }

    /** difflib's {@code _format_range_unified}. */
    private static String range(int start, int stop) {
        int length = stop - start;
        int beginning = start + 1;
        if (length == 1) {
            return Integer.toString(beginning);
        }
        if (length == 0) {
            beginning -= 1;
        }
        return beginning + "," + length;
    }

    /** Changed blocks as {@code [aStart, aEnd, bStart, bEnd]}, from a longest common subsequence. */
    private static List<int[]> hunks(String[] a, String[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        List<int[]> hunks = new ArrayList<>();
        if ((long) n * m > MAX_DP_CELLS) {
            hunks.add(new int[] {prefix, prefix + n, prefix, prefix + m});
            return hunks;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[prefix + i].equals(b[prefix + j]) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        int[] open = null;
        while (i < n || j < m) {
            if (i < n && j < m && a[prefix + i].equals(b[prefix + j])) {
                if (open != null) {
                    hunks.add(open);
                    open = null;
                }
                i++;
                j++;
                continue;
            }
            if (open == null) {
                open = new int[] {prefix + i, prefix + i, prefix + j, prefix + j};
            }
            if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                j++;
                open[3] = prefix + j;
            } else {
                i++;
                open[1] = prefix + i;
            }
        }
        if (open != null) {
            hunks.add(open);
        }
        return hunks;
    }
}

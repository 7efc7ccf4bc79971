package dev.agentruntime.shell.internal;

import dev.agentruntime.shell.PromptInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that always drains the terminal: decodes UTF-8 (with replacement), separates prompts from output,
 * and appends output to the capture of the running command. Never stops reading while the shell lives, so a chatty
 * program can never block on a full terminal buffer.
 */
public final class TerminalReader implements Runnable {

    /** What a wait saw. */
    public record Outcome(PromptInfo prompt, boolean eof, boolean noChange, boolean hardTimeout) {
    }

    private static final int MAX_PENDING_PROMPT = 64 * 1024;

    private final InputStream in;
    private final PromptMarker marker;
    private static final long RELEASE_AFTER_CHARS = 64 * 1024;
    private final int maxOutputChars;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private String pending = "";
    // Held by the reader from a chunk's parsing to its delivery, and by whoever sets the listener: so a waiter that
    // saw a prompt and then clears the listener knows that all output before that prompt has been handed over.
    private final Object delivery = new Object();
    private volatile java.util.function.Consumer<String> listener;
    private final StringBuilder streamed = new StringBuilder(); // this chunk's output for the listener
    private Capture capture;
    private PromptInfo capturePrompt;
    private long promptCount;
    private long lastOutputNanos = System.nanoTime();
    private boolean eof;

    public TerminalReader(InputStream in, PromptMarker marker, int maxOutputChars) {
        this.in = in;
        this.marker = marker;
        this.maxOutputChars = maxOutputChars;
        this.capture = new Capture(maxOutputChars);
    }

    @Override
    public void run() {
        byte[] bytes = new byte[64 * 1024];
        int kept = 0; // the start of a character the last read split, at bytes[0, kept)
        try {
            int n;
            while ((n = in.read(bytes, kept, bytes.length - kept)) >= 0) {
                if (n == 0) {
                    continue;
                }
                int end = kept + n;
                int complete = Utf8Chunks.completeLength(bytes, end);
                String text = Utf8Chunks.decode(bytes, complete);
                kept = end - complete;
                System.arraycopy(bytes, complete, bytes, 0, kept);
                accept(text);
            }
        } catch (IOException e) {
            // The terminal closed under us: the shell is gone, like an end of file.
        } finally {
            lock.lock();
            try {
                String rest = pending + Utf8Chunks.decode(bytes, kept); // a character cut off by the end: replaced
                if (!rest.isEmpty()) {
                    capture.append(rest);
                    pending = "";
                }
                eof = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void accept(String chunk) {
        synchronized (delivery) {
            parse(chunk);
            java.util.function.Consumer<String> l = listener;
            if (l != null && streamed.length() > 0) {
                // Outside the lock, so waiters are not held up; the listener must not block (it hands the text over).
                l.accept(streamed.toString());
            }
        }
    }

    private void parse(String chunk) {
        lock.lock();
        try {
            streamed.setLength(0);
            String text = pending.isEmpty() ? chunk : pending + chunk;
            pending = "";
            boolean promptSeenInChunk = false;
            int at = 0;
            while (at < text.length()) {
                int start = text.indexOf(marker.start(), at);
                if (start < 0) {
                    int keep = partialPrefix(text, Math.max(at, text.length() - marker.start().length() + 1));
                    captured(text, at, keep);
                    pending = text.substring(keep);
                    break;
                }
                captured(text, at, start);
                int bodyStart = start + marker.start().length();
                int end = text.indexOf(marker.end(), bodyStart);
                if (end < 0) {
                    if (text.length() - start > MAX_PENDING_PROMPT) {
                        captured(text, start, text.length());
                    } else {
                        pending = text.substring(start);
                    }
                    break;
                }
                PromptInfo prompt = marker.parse(text.substring(bodyStart, end));
                at = end + marker.end().length();
                if (prompt == null) {
                    captured(text, start, at);
                } else {
                    onPrompt(prompt);
                    promptSeenInChunk = true;
                }
            }
            lastOutputNanos = System.nanoTime();
            // Waiters care about prompts and the end only; a no-change deadline they compute themselves. Waking
            // them for every chunk of output would cost a thread switch each.
            if (promptSeenInChunk) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Output for the capture, and for the listener when one is set. Called under the lock. */
    private void captured(String text, int from, int to) {
        capture.append(text, from, to);
        if (listener != null) {
            streamed.append(text, from, to);
        }
    }

    /**
     * Hands every piece of command output to {@code listener} as it arrives, prompts excluded, until called with
     * {@code null}. The listener runs on the reader thread and must return quickly. Returns once the chunk the reader
     * may have in hand is delivered: output that came before a prompt a waiter has seen never reaches the listener
     * after this call.
     */
    public void setListener(java.util.function.Consumer<String> listener) {
        synchronized (delivery) {
            this.listener = listener;
        }
    }

    /** The index from which the text's end could be the beginning of a marker, to hold it back. */
    private int partialPrefix(String text, int from) {
        String start = marker.start();
        char first = start.charAt(0);
        for (int i = Math.max(0, from); i < text.length(); i++) {
            if (text.charAt(i) == first && start.regionMatches(0, text, i, text.length() - i)) {
                return i;
            }
        }
        return text.length();
    }

    private void onPrompt(PromptInfo prompt) {
        promptCount++;
        if (capturePrompt == null) {
            capturePrompt = prompt;
        }
    }

    /**
     * Starts the capture of a new command. Output that arrived while the shell was idle (a background job's) is
     * carried into it, so nothing is lost.
     */
    public void beginCapture() {
        lock.lock();
        try {
            Capture next = new Capture(maxOutputChars);
            long[] dropped = new long[1];
            next.append(capture.takeUnreturned(dropped));
            capture = next;
            capturePrompt = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The output of the current capture not returned yet, as the terminal sent it; the dropped count goes to
     * {@code dropped[0]}.
     */
    public String takeOutput(long[] dropped) {
        lock.lock();
        try {
            String out = capture.takeUnreturned(dropped);
            releaseIfLarge();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Once everything a large capture holds has been returned, a fresh one takes its place, so that megabytes of
     * returned output do not stay in the heap until the next command. Later output of the same command gets the
     * fresh capture's bound, as a next command would.
     */
    private void releaseIfLarge() {
        if (capture.total() >= RELEASE_AFTER_CHARS) {
            capture = new Capture(maxOutputChars);
        }
    }

    /** Forgets everything read so far (start-up noise before the first prompt). */
    public void discardOutput() {
        lock.lock();
        try {
            capture.takeUnreturned(new long[1]);
            releaseIfLarge();
            capturePrompt = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the current capture ends with a prompt, the terminal closes, no output arrives for
     * {@code noChangeNanos} (0 = never), or {@code deadline} (a {@link System#nanoTime()} value; 0 = none).
     */
    public Outcome await(long deadline, long noChangeNanos) throws InterruptedException {
        long waitStart = System.nanoTime();
        lock.lock();
        try {
            while (true) {
                if (capturePrompt != null) {
                    return new Outcome(capturePrompt, false, false, false);
                }
                if (eof) {
                    return new Outcome(null, true, false, false);
                }
                long now = System.nanoTime();
                long sleep = Long.MAX_VALUE;
                if (deadline != 0) {
                    if (now - deadline >= 0) {
                        return new Outcome(null, false, false, true);
                    }
                    sleep = deadline - now;
                }
                if (noChangeNanos > 0) {
                    long quietSince = lastOutputNanos - waitStart > 0 ? lastOutputNanos : waitStart;
                    long left = quietSince + noChangeNanos - now;
                    if (left <= 0) {
                        return new Outcome(null, false, true, false);
                    }
                    sleep = Math.min(sleep, left);
                }
                changed.await(Math.min(sleep, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the shell has shown more than {@code seen} prompts, the terminal closes, or {@code deadline} (a
     * {@link System#nanoTime()} value) passes.
     *
     * @return whether more prompts came
     */
    public boolean awaitPromptsAbove(long seen, long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (promptCount <= seen && !eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
            return promptCount > seen;
        } finally {
            lock.unlock();
        }
    }

    public boolean isEof() {
        lock.lock();
        try {
            return eof;
        } finally {
            lock.unlock();
        }
    }

    /** How many prompts the shell has shown. */
    public long promptCount() {
        lock.lock();
        try {
            return promptCount;
        } finally {
            lock.unlock();
        }
    }
}

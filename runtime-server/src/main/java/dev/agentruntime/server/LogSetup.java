package dev.agentruntime.server;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The server's one logging backend: java.util.logging, one line per record, plain or JSON. */
final class LogSetup {

    /** The loggers given a level here: held, because java.util.logging forgets the level of a collected logger. */
    private static final java.util.List<Logger> TUNED = new java.util.ArrayList<>();

    private LogSetup() {
    }

    static void configure(boolean json) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(formatter(json));
        root.addHandler(console);
        root.setLevel(Level.INFO);
        tune("org.xnio", Level.WARNING);
        tune("io.undertow", Level.WARNING);
        tune("org.htmlunit", Level.OFF);
        // pty4j announces at INFO that it unpacked its native library, at every start.
        tune("com.pty4j", Level.WARNING);
    }

    private static synchronized void tune(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        TUNED.add(logger);
    }

    /** One line per record: plain text, or a JSON object with time, level, logger, message and stack. */
    static Formatter formatter(boolean json) {
        return json ? new JsonLines() : new PlainLines();
    }

    private static String stack(LogRecord r) {
        if (r.getThrown() == null) {
            return "";
        }
        java.io.StringWriter w = new java.io.StringWriter();
        r.getThrown().printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static final class PlainLines extends Formatter {
        @Override
        public String format(LogRecord r) {
            String stack = stack(r);
            return Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel() + " " + r.getLoggerName() + " - "
                    + formatMessage(r) + System.lineSeparator() + stack;
        }
    }

    private static final class JsonLines extends Formatter {
        @Override
        public String format(LogRecord r) {
            java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
            line.put("time", Instant.ofEpochMilli(r.getMillis()).toString());
            line.put("level", r.getLevel().getName());
            line.put("logger", r.getLoggerName());
            line.put("message", formatMessage(r));
            if (r.getThrown() != null) {
                line.put("stack", stack(r));
            }
            return dev.agentruntime.core.wire.OpenHandsWire.encodeValue(line) + System.lineSeparator();
        }
    }
}

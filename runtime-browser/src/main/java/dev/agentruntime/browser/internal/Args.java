package dev.agentruntime.browser.internal;

import dev.agentruntime.browser.BrowserCall;
import java.util.ArrayList;
import java.util.List;

/** Typed access to a BrowserGym call's arguments by position or keyword, with Python-like messages. */
public final class Args {

    private final BrowserCall call;

    public Args(BrowserCall call) {
        this.call = call;
    }

    private Object raw(String name, int position) {
        if (call.keywords().containsKey(name)) {
            return call.keywords().get(name);
        }
        return position >= 0 && position < call.positional().size() ? call.positional().get(position) : Missing.M;
    }

    private enum Missing { M }

    public String string(String name, int position) {
        Object v = raw(name, position);
        if (v == Missing.M) {
            throw new IllegalArgumentException(call.name() + "() missing required argument '" + name + "'");
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(call.name() + "() argument '" + name + "' must be a string");
        }
        return s;
    }

    public String optionalString(String name, int position) {
        Object v = raw(name, position);
        return v instanceof String s ? s : null;
    }

    public long number(String name, int position, long fallback) {
        Object v = raw(name, position);
        if (v == Missing.M || v == null) {
            if (fallback == -1) {
                throw new IllegalArgumentException(call.name() + "() missing required argument '" + name + "'");
            }
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(call.name() + "() argument '" + name + "' must be a number");
        }
        return n.longValue();
    }

    public List<String> stringOrList(String name, int position) {
        Object v = raw(name, position);
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(item -> out.add(String.valueOf(item)));
            return out;
        }
        return List.of(string(name, position));
    }
}

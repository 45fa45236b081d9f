package dev.grader.run.child;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** JSON writing for the event stream; the test JVM carries no JSON library of ours. */
public final class Json {

    private Json() {}

    /**
     * One event being written: its fields are set by {@link Field}, and only the fields its {@link Event} carries
     * may be. Values are strings, numbers, booleans, null, lists of those, or maps of {@link Field} to those.
     */
    public static final class Line {
        private final Event event;
        private final Map<Field, Object> values = new EnumMap<>(Field.class);

        Line(Event event) {
            this.event = event;
        }

        /** Sets {@code field}; throws when the event does not carry it. */
        public Line with(Field field, Object value) {
            if (!event.fields().contains(field)) {
                throw new IllegalArgumentException(event + " carries no field " + field);
            }
            values.put(field, value);
            return this;
        }

        /** The JSON line, without its newline: {@link Field#EVENT} first, then the event's fields in their order. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("{")
                    .append(quote(Field.EVENT.wire()))
                    .append(':')
                    .append(quote(event.wire()));
            for (Field f : event.fields()) {
                if (values.containsKey(f)) {
                    b.append(',').append(quote(f.wire())).append(':');
                    value(b, values.get(f));
                }
            }
            return b.append('}').toString();
        }
    }

    /** Appends {@code v} as JSON. */
    static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append(quote(s));
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ",");
                value(b, list.get(i));
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : ",")
                        .append(quote(((Field) e.getKey()).wire()))
                        .append(':');
                value(b, e.getValue());
                first = false;
            }
            b.append('}');
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + v.getClass().getName());
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}

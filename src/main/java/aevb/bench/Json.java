package aevb.bench;

import java.util.Locale;

/** Just enough JSON writing for the report: objects, arrays, strings and numbers. */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean first = true;

    void open() {
        comma();
        sb.append('{');
        first = true;
    }

    void close() {
        sb.append('}');
        first = false;
    }

    void closeLast() {
        sb.append("}\n");
    }

    void array(String name) {
        key(name);
        sb.append('[');
        first = true;
    }

    void closeArray() {
        sb.append(']');
        first = false;
    }

    void field(String name, String value) {
        key(name);
        sb.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    void field(String name, double value) {
        key(name);
        sb.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null");
    }

    void field(String name, long value) {
        key(name);
        sb.append(value);
    }

    private void key(String name) {
        comma();
        sb.append('"').append(name).append("\":");
        first = false;
    }

    private void comma() {
        if (!first) {
            sb.append(',');
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}

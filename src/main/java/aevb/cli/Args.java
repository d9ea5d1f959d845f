package aevb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parsed flags of one command. Hand-written: {@code --name value}, {@code --name=value}, and
 * value-less toggles; positional words are kept in order. Every value is checked against its
 * {@link Flag} while parsing, so a command only ever sees values it accepts.
 */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Flag> flags = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private boolean help;

    private Args() {}

    public static Args parse(String command, List<Flag> spec, String[] argv, int maxPositional) throws UsageException {
        Args a = new Args();
        for (Flag f : spec) {
            a.flags.put(f.name(), f);
        }
        for (int i = 0; i < argv.length; i++) {
            String word = argv[i];
            if (word.equals("--help") || word.equals("-h")) {
                a.help = true;
                continue;
            }
            if (!word.startsWith("--")) {
                if (word.startsWith("-") && word.length() > 1 && !Character.isDigit(word.charAt(1))) {
                    throw new UsageException("aevb " + command + ": unknown option " + word
                            + " (flags start with --; see aevb " + command + " --help)");
                }
                if (a.positional.size() >= maxPositional) {
                    throw new UsageException("aevb " + command + ": unexpected argument '" + word
                            + "' (see aevb " + command + " --help)");
                }
                a.positional.add(word);
                continue;
            }
            String name = word.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Flag f = a.flags.get(name);
            if (f == null) {
                throw new UsageException("aevb " + command + ": unknown flag --" + name + " (allowed: "
                        + spec.stream().map(x -> "--" + x.name()).collect(Collectors.joining(", ")) + ")");
            }
            if (f.isToggle()) {
                if (value != null) {
                    throw new UsageException("aevb " + command + ": --" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
                    throw new UsageException("aevb " + command + ": --" + name + " needs a value (" + f.metavar() + ")");
                }
                value = argv[++i];
            }
            String problem = f.check().problem(value);
            if (problem != null) {
                throw new UsageException("aevb " + command + ": --" + name + " " + problem + ", got '" + value + "'");
            }
            if (a.values.containsKey(name)) {
                throw new UsageException("aevb " + command + ": --" + name + " is given twice");
            }
            a.values.put(name, value);
        }
        return a;
    }

    public boolean help() {
        return help;
    }

    public List<String> positional() {
        return positional;
    }

    /** True when the user gave the flag (its default does not count). */
    public boolean given(String name) {
        return values.containsKey(name);
    }

    /** The value given, else the flag's default (which may be null). */
    public String get(String name) {
        Flag f = flags.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no flag --" + name + " is declared");
        }
        return values.getOrDefault(name, f.defaultValue());
    }

    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    public int integer(String name) {
        return Math.toIntExact(Long.parseLong(get(name).replace("_", "")));
    }

    public long longValue(String name) {
        return Long.parseLong(get(name).replace("_", ""));
    }

    public double real(String name) {
        return Double.parseDouble(get(name));
    }

    public boolean toggle(String name) {
        return values.containsKey(name);
    }

    public Path path(String name) {
        String v = get(name);
        return v == null ? null : Path.of(v);
    }

    /** The help text of a command: usage line, summary, and one line per flag with its default. */
    public static String usage(String command, String positionalUsage, String summary, List<Flag> spec) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: aevb ").append(command).append(positionalUsage.isEmpty() ? "" : " " + positionalUsage)
                .append(" [flags]\n\n").append(summary).append("\n\nflags:\n");
        int width = 0;
        for (Flag f : spec) {
            width = Math.max(width, flagColumn(f).length());
        }
        for (Flag f : spec) {
            sb.append(String.format("  %-" + width + "s  %s", flagColumn(f), f.help()));
            if (f.defaultValue() != null) {
                sb.append(" (default: ").append(f.defaultValue()).append(')');
            }
            sb.append('\n');
        }
        sb.append(String.format("  %-" + width + "s  %s%n", "--help", "show this help"));
        return sb.toString();
    }

    private static String flagColumn(Flag f) {
        return "--" + f.name() + (f.isToggle() ? "" : " " + f.metavar());
    }
}

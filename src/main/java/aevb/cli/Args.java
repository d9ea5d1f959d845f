package aevb.cli;

import java.nio.file.InvalidPathException;
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
    /** Other names a flag answers to: the paper's one-letter names beside spelt-out ones. */
    static final Map<String, String> ALIASES = Map.of("samples-per-point", "L");

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
                    String near = Suggest.nearest(word.replaceFirst("^-+", ""), names(spec));
                    throw new UsageException("aevb " + command + ": unknown option " + word
                            + (near != null ? "; did you mean --" + near + "?" : " (flags start with --)")
                            + " (see aevb " + command + " --help)");
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
            if (!a.flags.containsKey(name) && a.flags.containsKey(ALIASES.get(name))) {
                name = ALIASES.get(name);
            }
            Flag f = a.flags.get(name);
            if (f == null) {
                String near = Suggest.nearest(name, names(spec));
                throw new UsageException("aevb " + command + ": unknown flag --" + name + (near != null
                        ? "; did you mean --" + near + "? (see aevb " + command + " --help)"
                        : " (allowed: " + spec.stream().map(x -> "--" + x.name()).collect(Collectors.joining(", ")) + ")"));
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
            if (problem == null && isPath(f)) {
                problem = pathProblem(value);
            }
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

    /** The flags of a spec and their aliases, for suggestions. */
    private static List<String> names(List<Flag> spec) {
        List<String> names = new ArrayList<>();
        for (Flag f : spec) {
            names.add(f.name());
            ALIASES.forEach((alias, target) -> {
                if (target.equals(f.name())) {
                    names.add(alias);
                }
            });
        }
        return names;
    }

    private static boolean isPath(Flag f) {
        return "DIR".equals(f.metavar()) || "FILE".equals(f.metavar()) || "PATH".equals(f.metavar());
    }

    /**
     * Null when the platform can name the path exactly. The JVM decodes the bytes of arguments in
     * the locale's charset and puts U+FFFD where they are not valid: such a path would silently
     * name another file, so it is refused.
     */
    static String pathProblem(String value) {
        if (value.indexOf('\uFFFD') >= 0) {
            return "is a path whose bytes are not valid UTF-8 (aevb cannot name it exactly; rename it)";
        }
        try {
            Path.of(value);
            return null;
        } catch (InvalidPathException e) {
            return "is a path this platform cannot encode (" + e.getReason() + "; run under a UTF-8 locale,"
                    + " e.g. LANG=C.UTF-8)";
        }
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
        StringBuilder names = new StringBuilder("--" + f.name());
        ALIASES.forEach((alias, target) -> {
            if (target.equals(f.name())) {
                names.append(", --").append(alias);
            }
        });
        return names + (f.isToggle() ? "" : " " + f.metavar());
    }
}

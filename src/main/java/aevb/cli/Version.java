package aevb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code aevb --version}: aevb's version (from the build) and the Java it runs on. */
final class Version {
    private Version() {}

    static String aevb() {
        try (InputStream in = Version.class.getResourceAsStream("/aevb/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through: a build without the resource
        }
        return "(version unknown: not built by Maven)";
    }

    static String line() {
        return "aevb " + aevb() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }
}

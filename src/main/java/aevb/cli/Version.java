package aevb.cli;

/** {@code aevb --version}: aevb's version (from the jar's manifest) and the Java it runs on. */
final class Version {
    private Version() {}

    static String aevb() {
        String v = Version.class.getPackage().getImplementationVersion(); // Implementation-Version, set by Maven
        return v != null && !v.isBlank() ? v : "(version unknown: not run from a jar Maven built)";
    }

    static String line() {
        return "aevb " + aevb() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }
}

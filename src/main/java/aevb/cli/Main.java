package aevb.cli;

/** Entry point of the aevb command line. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("aevb: Auto-Encoding Variational Bayes in plain Java");
    }
}

package aevb.nn;

/** Builds an optimiser by name: "adagrad" (the paper's) or "adam". */
public final class Optimizers {
    private Optimizers() {}

    public static Optimizer create(String name, double learningRate) {
        return switch (name) {
            case "adagrad" -> new Adagrad(learningRate);
            case "adam" -> new Adam(learningRate);
            default -> throw new IllegalArgumentException("unknown optimiser '" + name + "' (use adagrad or adam)");
        };
    }
}

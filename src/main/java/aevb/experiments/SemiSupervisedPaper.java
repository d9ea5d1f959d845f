package aevb.experiments;

import java.util.Map;

/**
 * The model rows of Table 1 of Kingma et al. (2014), test error % on MNIST with N labels, as in
 * {@code docs/paper/semi-supervised-table1.csv} (its provenance is there):
 * M1+TSVM, M2 and M1+M2, each error with its standard deviation.
 */
public final class SemiSupervisedPaper {
    private SemiSupervisedPaper() {}

    /** An error and its ± standard deviation (percent). */
    public record Cell(double error, double sd) {}

    /** By model ("m1" is the paper's M1+TSVM), then N. */
    public static final Map<String, Map<Integer, Cell>> TABLE1 = Map.of(
            "m1", Map.of(100, new Cell(11.82, 0.25), 600, new Cell(5.72, 0.049), 1000, new Cell(4.24, 0.07),
                    3000, new Cell(3.49, 0.04)),
            "m2", Map.of(100, new Cell(11.97, 1.71), 600, new Cell(4.94, 0.13), 1000, new Cell(3.60, 0.56),
                    3000, new Cell(3.92, 0.63)),
            "m1+m2", Map.of(100, new Cell(3.33, 0.14), 600, new Cell(2.59, 0.05), 1000, new Cell(2.40, 0.02),
                    3000, new Cell(2.18, 0.04)),
            "labels-only", Map.of(100, new Cell(25.81, Double.NaN), 600, new Cell(11.44, Double.NaN),
                    1000, new Cell(10.7, Double.NaN), 3000, new Cell(6.04, Double.NaN)));

    /** The paper's name of our model's row. */
    public static String paperName(String model) {
        return switch (model) {
            case "m1" -> "M1+TSVM";
            case "m2" -> "M2";
            case "m1+m2" -> "M1+M2";
            case "labels-only" -> "NN";
            default -> model;
        };
    }
}

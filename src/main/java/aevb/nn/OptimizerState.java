package aevb.nn;

import java.util.Map;

/** Checks on optimiser state read back from a checkpoint. */
final class OptimizerState {
    private OptimizerState() {}

    static float[] array(Map<String, float[]> arrays, String name, int size) {
        float[] a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("optimiser state '" + name + "' is missing");
        }
        if (a.length != size) {
            throw new IllegalArgumentException("optimiser state '" + name + "' has " + a.length
                    + " values, the parameter has " + size);
        }
        return a.clone();
    }
}

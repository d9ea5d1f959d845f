package aevb.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data set's named splits: the training set and what is held out from it.
 *
 * @param name       the data set, e.g. "mnist"
 * @param train      the data the bound is optimised on
 * @param validation held-out data for choosing hyper-parameters or early stopping, or null
 * @param test       held-out data for the final numbers, or null
 * @param files      each file read and the SHA-256 of its content: what exactly was trained on,
 *                   for logs and checkpoint headers
 */
public record DataSplits(String name, Dataset train, Dataset validation, Dataset test, Map<String, String> files) {
    public DataSplits {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The held-out set to report: the test set when there is one, else the validation set. */
    public Dataset heldOut() {
        return test != null ? test : validation;
    }

    /** One line for logs: "mnist: train 60000, test 10000 images of 28x28". */
    public String summary() {
        StringBuilder sb = new StringBuilder(name).append(": train ").append(train.size());
        if (validation != null) {
            sb.append(", validation ").append(validation.size());
        }
        if (test != null) {
            sb.append(", test ").append(test.size());
        }
        return sb.append(" images of ").append(train.height()).append('x').append(train.width()).toString();
    }
}

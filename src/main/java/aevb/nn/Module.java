package aevb.nn;

import java.util.List;

/** Anything with learnable parameters; a network is modules nested in modules. */
public interface Module {
    /** Every parameter, in a fixed order (checkpoints and optimisers rely on it). */
    List<Parameter> parameters();
}

package aevb.sgvb;

/** Training met a NaN or an infinity; nothing was updated with it. */
public final class NonFiniteException extends RuntimeException {
    public final String quantity;
    public final long step;

    public NonFiniteException(String quantity, long step) {
        super("the " + quantity + " is not finite (NaN or infinite) at step " + step
                + "; the parameters were not updated with it. Try a smaller step size (--lr).");
        this.quantity = quantity;
        this.step = step;
    }
}

package aevb.autodiff;

import aevb.tensor.Backend;
import aevb.tensor.ScalarKernels;
import aevb.tensor.Shapes;
import aevb.tensor.TensorKernels;

/**
 * Element-wise ops. Each one computes its value with a kernel, then records a backward step
 * that adds g · f'(a) into the input's gradient; the derivative is written beside the formula.
 */
public final class Elementwise {
    private Elementwise() {}

    static TensorKernels k() {
        return Backend.kernels();
    }

    static Var unary(Var a) {
        return a.tape.result(a.rows(), a.cols(), a.requiresGrad);
    }

    static Var binary(String op, Var a, Var b) {
        Shapes.same(op, a.value, b.value);
        sameTape(op, a, b);
        return a.tape.result(a.rows(), a.cols(), a.requiresGrad || b.requiresGrad);
    }

    static void sameTape(String op, Var a, Var b) {
        if (a.tape != b.tape) {
            throw new IllegalArgumentException(op + ": the operands were recorded on different tapes");
        }
    }

    /** a + b;  d/da = 1, d/db = 1. */
    public static Var add(Var a, Var b) {
        Var y = binary("add", a, b);
        k().add(a.data(), b.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                if (a.requiresGrad) k().axpy(1f, y.grad.data, a.gradData(), y.size());
                if (b.requiresGrad) k().axpy(1f, y.grad.data, b.gradData(), y.size());
            };
        }
        return y;
    }

    /** a - b;  d/da = 1, d/db = -1. */
    public static Var sub(Var a, Var b) {
        Var y = binary("sub", a, b);
        k().sub(a.data(), b.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                if (a.requiresGrad) k().axpy(1f, y.grad.data, a.gradData(), y.size());
                if (b.requiresGrad) k().axpy(-1f, y.grad.data, b.gradData(), y.size());
            };
        }
        return y;
    }

    /** a ⊙ b;  d/da = b, d/db = a. */
    public static Var mul(Var a, Var b) {
        Var y = binary("mul", a, b);
        k().mul(a.data(), b.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                if (a.requiresGrad) k().mulAdd(y.grad.data, b.data(), a.gradData(), y.size());
                if (b.requiresGrad) k().mulAdd(y.grad.data, a.data(), b.gradData(), y.size());
            };
        }
        return y;
    }

    /** s · a;  d/da = s. */
    public static Var scale(Var a, float s) {
        Var y = unary(a);
        k().scale(a.data(), s, y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> k().axpy(s, y.grad.data, a.gradData(), y.size());
        }
        return y;
    }

    /** -a. */
    public static Var neg(Var a) {
        return scale(a, -1f);
    }

    /** a + c for a constant c;  d/da = 1. */
    public static Var addScalar(Var a, float c) {
        Var y = unary(a);
        float[] x = a.data(), out = y.data();
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + c;
        }
        if (y.requiresGrad) {
            y.backward = () -> k().axpy(1f, y.grad.data, a.gradData(), y.size());
        }
        return y;
    }

    /** a²;  d/da = 2a. */
    public static Var square(Var a) {
        Var y = unary(a);
        k().square(a.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, x = a.data(), ga = a.gradData();
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] * 2f * x[i];
                }
            };
        }
        return y;
    }

    /** e^a;  d/da = e^a, which is the output itself. */
    public static Var exp(Var a) {
        Var y = unary(a);
        k().exp(a.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> k().mulAdd(y.grad.data, y.data(), a.gradData(), y.size());
        }
        return y;
    }

    /** log a;  d/da = 1/a. */
    public static Var log(Var a) {
        Var y = unary(a);
        k().log(a.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, x = a.data(), ga = a.gradData();
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] / x[i];
                }
            };
        }
        return y;
    }

    /** tanh a;  d/da = 1 - tanh² a, from the output. */
    public static Var tanh(Var a) {
        Var y = unary(a);
        k().tanh(a.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, t = y.data(), ga = a.gradData();
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] * (1f - t[i] * t[i]);
                }
            };
        }
        return y;
    }

    /** σ(a) = 1 / (1 + e^-a);  d/da = σ(a)(1 - σ(a)), from the output. */
    public static Var sigmoid(Var a) {
        Var y = unary(a);
        k().sigmoid(a.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, s = y.data(), ga = a.gradData();
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] * s[i] * (1f - s[i]);
                }
            };
        }
        return y;
    }

    /** softplus(a) = log(1 + e^a);  d/da = σ(a). */
    public static Var softplus(Var a) {
        Var y = unary(a);
        k().softplus(a.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, x = a.data(), ga = a.gradData();
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] * ScalarKernels.sigmoid(x[i]);
                }
            };
        }
        return y;
    }

    /** log σ(a) = -softplus(-a);  d/da = 1 - σ(a) = σ(-a). */
    public static Var logSigmoid(Var a) {
        Var y = unary(a);
        k().logSigmoid(a.data(), y.data(), y.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, x = a.data(), ga = a.gradData();
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] * ScalarKernels.sigmoid(-x[i]);
                }
            };
        }
        return y;
    }
}

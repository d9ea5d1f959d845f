package aevb.bench;

import aevb.tensor.TensorKernels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profiler for the kernel layer: wraps a {@link TensorKernels} and adds the wall time of every
 * call to a counter named after the kernel and its shape ("gemmABt A*B^T 100x784x500", "tanh").
 * {@link #kernels()} is the wrapped set, to install with {@code Backend.install}; it shows where a
 * training step spends its time, op by op; what is not in any kernel (plain Java loops, the
 * tape's bookkeeping) is the step time minus the total.
 *
 * <p>One wrapper serves every kernel of the contract (a {@link Proxy}: each call is timed the
 * same way, so it is written once, and a kernel added to the contract is timed without a line
 * here). The GEMMs are named with their shape and counted in FLOPs, {@link #gemmShape}. Each call
 * pays for two {@code System.nanoTime()} calls, a reflective call and a map lookup (~0.1-0.2 µs),
 * so the profiled step is a little slower than the real one; the shares are what it is for.
 */
public final class TimedKernels {
    private final TensorKernels timed;
    private final Map<String, long[]> counters = new LinkedHashMap<>();

    public TimedKernels(TensorKernels delegate) {
        timed = (TensorKernels) Proxy.newProxyInstance(TensorKernels.class.getClassLoader(),
                new Class<?>[] {TensorKernels.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(delegate, args);
                    }
                    long start = System.nanoTime();
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    long nanos = System.nanoTime() - start;
                    Gemm g = gemmShape(method, args);
                    tally(g == null ? name(method) : g.name(), nanos, g == null ? 0 : g.flops());
                    return result;
                });
    }

    /** The timed kernels: every call goes to the delegate and is counted. */
    public TensorKernels kernels() {
        return timed;
    }

    /** One line of the profile since the last reset: total nanoseconds, calls, and FLOPs (GEMMs only). */
    public record Entry(String name, long nanos, long calls, double flops) {}

    public synchronized void reset() {
        counters.clear();
    }

    /** The counters, largest total first. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        counters.forEach((name, c) -> out.add(new Entry(name, c[0], c[1], c[2])));
        out.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return out;
    }

    private synchronized void tally(String name, long nanos, long flops) {
        long[] c = counters.computeIfAbsent(name, n -> new long[3]);
        c[0] += nanos;
        c[1]++;
        c[2] += flops;
    }

    /** A kernel's counter: its name; the finiteness check of all gradients counts as allFinite. */
    private static String name(Method method) {
        return method.getName().equals("firstNonFinite") ? "allFinite" : method.getName();
    }

    /** A product's counter and its FLOPs, 2 per multiply-add. */
    record Gemm(String name, long flops) {
        Gemm(String op, int m, int k, int n, long flops) {
            this(op + " " + m + "x" + k + "x" + n, flops);
        }
    }

    /** The shape of a matrix product from its arguments (as {@link TensorKernels} orders them), else null. */
    static Gemm gemmShape(Method method, Object[] args) {
        return switch (method.getName()) {
            case "gemm", "gemmABt", "gemmAtB" -> {
                int m = (int) args[3], k = (int) args[4], n = (int) args[5];
                String op = switch (method.getName()) {
                    case "gemm" -> "gemm    A*B  ";
                    case "gemmABt" -> "gemmABt A*B^T";
                    default -> "gemmAtB A^T*B";
                };
                yield new Gemm(op, m, k, n, 2L * m * k * n);
            }
            case "gemmABtPair" -> {   // (a, b1, c1, n1, b2, c2, n2, m, k)
                int n = (int) args[3] + (int) args[6], m = (int) args[7], k = (int) args[8];
                yield new Gemm("gemmABtPair 2 heads", m, k, n, 2L * m * k * n);
            }
            case "linearBackward" -> {   // (d, x, w, dx, dw, m, in, out, ...): one or two products
                int m = (int) args[5], in = (int) args[6], out = (int) args[7];
                yield new Gemm("linearBackward dx,dW", m, in, out, (args[3] == null ? 2L : 4L) * m * in * out);
            }
            default -> null;
        };
    }
}

package aevb.semi;

import aevb.data.Datasets;
import aevb.experiments.SemiSupervised;
import java.nio.file.Path;
import java.util.List;

/** Not a test: SemiSupervised.run on the sample with chosen settings. */
public class TableProbe {
    public static void main(String[] a) throws Exception {
        var c = new SemiSupervised.Config("sample", Integer.parseInt(a[0]), Long.parseLong(a[1]), 1, Integer.parseInt(a[2]),
                Integer.parseInt(a[3]), Integer.parseInt(a[4]), Double.parseDouble(a[5]), Double.parseDouble(a[6]), 100,
                Integer.parseInt(a[7]));
        long t0 = System.nanoTime();
        var r = SemiSupervised.run(c, Datasets.load("sample", null, false, System.err), List.of(a[8].split(",")),
                Path.of(a[9]), System.out);
        System.out.println(r + " total " + (System.nanoTime() - t0) / 1e9 + " s");
    }
}

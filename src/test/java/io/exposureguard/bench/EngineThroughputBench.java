package io.exposureguard.bench;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.model.EvaluationResult;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * `make bench`: engine throughput (objects/s) at 1k, 10k and 100k objects of a synthetic cluster, and
 * how cost grows (time at 10x objects divided by time at x; linear is 10, the bar is 12). Runs each size
 * several times after a warm-up and reports the median. Not part of `make test`: timings on a shared
 * 2-core machine are noisy, so this reports numbers rather than passing or failing on them.
 */
public final class EngineThroughputBench {

    private EngineThroughputBench() {
    }

    public static void main(String[] args) {
        int[] sizes = {1_000, 10_000, 100_000};
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        ExposureEngine engine = ExposureEngine.standard();
        List<HasMetadata> warm = SyntheticCluster.of(10_000);
        for (int i = 0; i < 20; i++) {
            engine.evaluate(warm);
        }
        double[] medians = new double[sizes.length];
        System.out.printf("%-10s %12s %14s %10s%n", "objects", "median ms", "objects/s", "findings");
        for (int s = 0; s < sizes.length; s++) {
            List<HasMetadata> objects = SyntheticCluster.of(sizes[s]);
            double[] times = new double[runs];
            EvaluationResult last = null;
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                last = engine.evaluate(objects);
                times[r] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            medians[s] = times[runs / 2];
            System.out.printf("%-10d %12.1f %14.0f %10d%n", sizes[s], medians[s], sizes[s] / (medians[s] / 1000), last.findings().size());
        }
        List<String> ratios = new ArrayList<>();
        for (int s = 1; s < sizes.length; s++) {
            ratios.add(String.format("%dk->%dk: %.1fx time for 10x objects", sizes[s - 1] / 1000, sizes[s] / 1000, medians[s] / medians[s - 1]));
        }
        System.out.println("growth: " + String.join("; ", ratios) + " (linear = 10x; bar <= 12x)");
    }
}

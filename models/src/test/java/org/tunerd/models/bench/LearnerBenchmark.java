package org.tunerd.models.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.space.Configuration;

/**
 * Fit on all 768 measured configurations of the source (latency) plus prediction of the whole
 * 768-configuration space, per learner, warmed up. A benchmark, not a test: run it by hand.
 *
 * <pre>
 * mvn -o -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Dtunerd.datasets=../shared/datasets -cp models/target/test-classes:models/target/classes:$(cat models/target/cp.txt) \
 *     org.openjdk.jmh.Main LearnerBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class LearnerBenchmark {

    @Param({"rt", "rf", "nn", "ols"})
    public String learner;

    private Learner fitter;
    private FeatureEncoding encoding;
    private List<Configuration> configurations;
    private List<Configuration> space;
    private double[] latency;

    @Setup
    public void setUp() {
        MeasurementSet source = Datasets.read("inceptionv3_600x600");
        fitter = Learners.create(learner);
        encoding = FeatureEncoding.of(source.space());
        configurations = source.configurations();
        space = source.space().configurations();
        latency = source.values(Metric.LATENCY);
    }

    @Benchmark
    public double[] fitAndPredictWholeSpace() {
        return fitter.fit(encoding, configurations, latency).predict(space);
    }
}

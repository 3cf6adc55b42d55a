package org.tunerd.study.explore;

import java.nio.file.Path;
import java.util.List;
import org.tunerd.models.adapt.SequentialOptimiser;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.study.eval.AdaptPlots;
import org.tunerd.study.eval.AdaptReport;
import org.tunerd.study.eval.AdaptStudy;

/**
 * Exploration: the adaptation study with variants of the sequential optimiser ({@code -Dvariants=s2d5ei,...}), a
 * thinned source ({@code -DthinSource=cpu|cpu,gpu}) or another source ({@code -Dsource}); args: budget, seeds, target
 * fraction, output folder. {@code tunerd-study evaluate --study adapt} runs the standard comparison.
 */
public final class AdaptStudyMain {
    public static void main(String[] args) {
        int budget = Integer.parseInt(args.length > 0 ? args[0] : "19");
        int seeds = Integer.parseInt(args.length > 1 ? args[1] : "20");
        double fraction = Double.parseDouble(args.length > 2 ? args[2] : "1");
        String src = System.getProperty("source", "inceptionv3_600x600");
        MeasurementSet source = StudyData.read(src);
        String thin = System.getProperty("thinSource", "");
        if (!thin.isEmpty()) {
            // keep every other CPU frequency and only the lowest and highest GPU frequency in the source, so
            // the targets hold option values the source never measured
            var cpu = source.space().require("cpu_freq").values();
            var gpu = source.space().require("gpu_freq").values();
            MeasurementSet full = source;
            source = full.withMeasurements(full.measurements().stream()
                    .filter(m -> cpu.indexOf(m.configuration().get("cpu_freq")) % 2 == 0)
                    .filter(m -> !thin.contains("gpu") || m.configuration().get("gpu_freq") == gpu.get(0)
                            || m.configuration().get("gpu_freq") == gpu.get(gpu.size() - 1)).toList());
            System.err.println("thinned source: " + source);
        }
        List<MeasurementSet> targets = java.util.stream.Stream.of("inceptionv3_600x600", "xception_200x200",
                "xception_400x400", "xception_600x600", "xception_800x800").filter(n -> !n.equals(src))
                .map(StudyData::read).toList();
        AdaptStudy.Settings settings = AdaptStudy.Settings.standard(budget, seeds).withTargetFraction(fraction);
        String variants = System.getProperty("variants");
        if (variants != null) {
            java.util.List<AdaptStudy.NamedOptimiser> opts = new java.util.ArrayList<>();
            for (String v : variants.split(",")) {
                // s<seeds>d<design>(ei|gr)
                var m = java.util.regex.Pattern.compile("s(\\d+)d(\\d+)(ei|gr)(?:-stop([0-9.]+)m(\\d+))?").matcher(v);
                if (!m.matches()) throw new IllegalArgumentException(v);
                opts.add(new AdaptStudy.NamedOptimiser(v, new org.tunerd.models.adapt.SequentialOptimiser.Settings(budget,
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(2)), 0,
                        m.group(4) == null ? 0 : Double.parseDouble(m.group(4)),
                        m.group(5) == null ? budget : Integer.parseInt(m.group(5)),
                        org.tunerd.models.adapt.StackedGp.standard(), m.group(3).equals("ei")
                        ? org.tunerd.models.adapt.SequentialOptimiser.Acquisition.EXPECTED_IMPROVEMENT
                        : org.tunerd.models.adapt.SequentialOptimiser.Acquisition.GREEDY, Boolean.getBoolean("tunerd.calibrate"))));
            }
            settings = new AdaptStudy.Settings(budget, seeds, fraction, Boolean.getBoolean("nopred")
                    ? java.util.List.of(settings.predictors().get(0)) : settings.predictors(), opts);
        }
        AdaptStudy.Result r = new AdaptStudy(settings)
                .run(source, targets, System.err::println);
        System.out.println(AdaptReport.markdown(r, 5, 10, 19));
        AdaptReport.writeCsv(r, Path.of(args.length > 3 ? args[3] : "/tmp/adapt/study"));
        AdaptPlots.write(r, Path.of(args.length > 3 ? args[3] : "/tmp/adapt/study"));
    }
}

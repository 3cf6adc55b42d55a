package org.tunerd.models.eval;

import java.util.List;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;

/** Runs the leave-one-out source selection study from the test class path (exploration). */
public final class SourceSelectionMain {
    public static void main(String[] args) {
        int probe = Integer.parseInt(args.length > 0 ? args[0] : "6");
        List<MeasurementSet> envs = StudyCsvReader.readFolder(Datasets.tx2());
        var rows = new SourceSelectionStudy(19, probe, 20).run(envs, System.err::println);
        System.out.println(SourceSelectionStudy.markdown(rows, probe));
    }
}

package org.tunerd.study.explore;

import java.util.List;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;
import org.tunerd.study.eval.SourceSelectionStudy;

/** Exploration: the leave-one-out source selection study over every TX2 environment; arg: probe measurements. */
public final class SourceSelectionMain {
    public static void main(String[] args) {
        int probe = Integer.parseInt(args.length > 0 ? args[0] : "6");
        List<MeasurementSet> envs = StudyCsvReader.readFolder(StudyData.tx2());
        var rows = new SourceSelectionStudy(19, probe, 20).run(envs, System.err::println);
        System.out.println(SourceSelectionStudy.markdown(rows, probe));
    }
}

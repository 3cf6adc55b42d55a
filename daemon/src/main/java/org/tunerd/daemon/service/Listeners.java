package org.tunerd.daemon.service;

import java.util.List;
import java.util.Optional;
import org.tunerd.daemon.tuning.ModelQuality;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/** Several tuning listeners called in order. */
final class Listeners implements TuningListener {

    private final List<TuningListener> all;

    Listeners(List<TuningListener> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void started(Environment e, Optional<Environment> s, List<Environment> extra, String strategy, int budget,
                        List<Configuration> plan, boolean r) {
        all.forEach(l -> l.started(e, s, extra, strategy, budget, plan, r));
    }

    @Override
    public void sampleMeasured(Environment e, int index, int planned, Measurement m) {
        all.forEach(l -> l.sampleMeasured(e, index, planned, m));
    }

    @Override
    public void modelFitted(Environment e, ModelQuality q) {
        all.forEach(l -> l.modelFitted(e, q));
    }

    @Override
    public void reconfigured(Environment e, Configuration c, Performance p) {
        all.forEach(l -> l.reconfigured(e, c, p));
    }

    @Override
    public void finished(TuningOutcome o) {
        all.forEach(l -> l.finished(o));
    }

    @Override
    public void failed(Environment e, String reason) {
        all.forEach(l -> l.failed(e, reason));
    }

    @Override
    public void cancelled(Environment e, String reason) {
        all.forEach(l -> l.cancelled(e, reason));
    }
}

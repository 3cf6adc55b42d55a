package org.tunerd.daemon.service;

import java.util.List;
import org.tunerd.daemon.tuning.ModelsFitted;
import org.tunerd.daemon.tuning.PhaseChange;
import org.tunerd.daemon.tuning.Reconfiguration;
import org.tunerd.daemon.tuning.SampleTaken;
import org.tunerd.daemon.tuning.SessionCancellation;
import org.tunerd.daemon.tuning.SessionFailure;
import org.tunerd.daemon.tuning.SessionStart;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;

/** Several tuning listeners called in order. */
final class Listeners implements TuningListener {

    private final List<TuningListener> all;

    Listeners(List<TuningListener> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void phaseChanged(PhaseChange change) {
        all.forEach(l -> l.phaseChanged(change));
    }

    @Override
    public void started(SessionStart start) {
        all.forEach(l -> l.started(start));
    }

    @Override
    public void sampleMeasured(SampleTaken sample) {
        all.forEach(l -> l.sampleMeasured(sample));
    }

    @Override
    public void modelsFitted(ModelsFitted fitted) {
        all.forEach(l -> l.modelsFitted(fitted));
    }

    @Override
    public void reconfigured(Reconfiguration reconfiguration) {
        all.forEach(l -> l.reconfigured(reconfiguration));
    }

    @Override
    public void finished(TuningOutcome outcome) {
        all.forEach(l -> l.finished(outcome));
    }

    @Override
    public void failed(SessionFailure failure) {
        all.forEach(l -> l.failed(failure));
    }

    @Override
    public void cancelled(SessionCancellation cancellation) {
        all.forEach(l -> l.cancelled(cancellation));
    }
}

package org.tunerd.models.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tunerd.models.space.Configuration;

class OptimizerTest {

    // candidate i: latency, energy
    private final double[] latency = {0.10, 0.20, 0.15, 0.40, 0.20};
    private final double[] energy = {50, 20, 40, 10, 25};
    private final List<Configuration> candidates = IntStream.range(0, 5).mapToObj(i -> Configuration.of("i", i)).toList();

    @Test
    void objectivesPickTheirBest() {
        assertEquals(3, Optimizer.best(new Objective.MinEnergy(), candidates, latency, energy).index());
        assertEquals(0, Optimizer.best(new Objective.MinLatency(), candidates, latency, energy).index());
        assertEquals(1, Optimizer.best(new Objective.MinEnergyWithinLatency(0.2), candidates, latency, energy).index());
        assertEquals(2, Optimizer.best(new Objective.MinEnergyWithinLatency(0.15), candidates, latency, energy).index());
        // equal weights on ratios to the best: 0: 1+5=6, 1: 2+2=4, 2: 1.5+4=5.5, 3: 4+1=5, 4: 2+2.5=4.5
        assertEquals(1, Optimizer.best(new Objective.Weighted(1, 1), candidates, latency, energy).index());
    }

    @Test
    void anUnreachableSloFallsBackToTheFastestAndSaysSo() {
        Optimizer.Choice c = Optimizer.best(new Objective.MinEnergyWithinLatency(0.05), candidates, latency, energy);
        assertEquals(0, c.index());
        assertFalse(c.feasible());
        assertTrue(Optimizer.best(new Objective.MinEnergy(), candidates, latency, energy).feasible());
    }

    @Test
    void parsesObjectivesAndRejectsNonsense() {
        assertEquals(new Objective.MinEnergy(), Objective.parse("min-energy"));
        assertEquals(new Objective.MinEnergyWithinLatency(0.25), Objective.parse("min-energy:slo=0.25"));
        assertEquals(new Objective.Weighted(1, 2), Objective.parse("weighted:latency=1,energy=2"));
        assertThrows(IllegalArgumentException.class, () -> Objective.parse("fastest"));
        assertThrows(IllegalArgumentException.class, () -> Objective.parse("min-energy:slo=-1"));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.best(new Objective.MinEnergy(), candidates,
                new double[2], energy));
    }
}

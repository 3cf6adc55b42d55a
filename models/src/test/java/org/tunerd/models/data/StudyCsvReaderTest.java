package org.tunerd.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

class StudyCsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsCommaLayoutWithIndexColumn() {
        MeasurementSet set = Datasets.read("inceptionv3_600x600");
        assertEquals(new Environment("TX2", "inceptionv3", 600, 600), set.environment());
        assertEquals(768, set.size());
        assertEquals(768, set.space().size());
        assertTrue(set.isComplete());
        assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq"), set.space().names());
        Measurement first = set.get(0);
        assertEquals(Configuration.of("cores", 1, "cpu_freq", 1113600, "gpu_freq", 1300500000, "emc_freq", 1062400000),
                first.configuration());
        assertEquals(0.39652371406555176, first.latency(), 0.0);
        assertEquals(7071.222222222223, first.energy(), 0.0);
    }

    @Test
    void readsSpaceLayoutWithTheSameSpace() {
        MeasurementSet inception = Datasets.read("inceptionv3_600x600");
        MeasurementSet xception = Datasets.read("xception_200x200");
        assertEquals(new Environment("TX2", "xception", 200, 200), xception.environment());
        assertEquals(768, xception.size());
        assertEquals(inception.space().configurations(), xception.space().configurations());
        assertEquals(12, xception.space().require("cpu_freq").size());
        assertEquals(4, xception.space().require("gpu_freq").size());
        assertEquals(4, xception.space().require("cores").size());
    }

    @Test
    void aSampleOfALargerSpaceIsReadAsIncomplete() throws IOException {
        List<String> lines = Files.readAllLines(Datasets.tx2().resolve("xception_400x400.csv"));
        Path file = write("sample.csv", lines.get(0), lines.get(1), lines.get(100), lines.get(500));
        MeasurementSet full = Datasets.read("xception_400x400");
        MeasurementSet part = StudyCsvReader.read(file, full.space());
        assertEquals(3, part.size());
        assertFalse(part.isComplete());
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        String header = "model_name sample size system_name config_name core0_status core1_status core2_status "
                + "core3_status core_freq gpu_status gpu_freq emc_status emc_freq inference_time power_consumption";
        String good = "xception s.JPEG 200x200 TX2 C0 1 0 0 0 1113600 1 1300500000 1 1062400000 0.18 2733.2";

        var bad = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("a.csv", header, good, good.replace("1113600", "fast"))));
        assertEquals(3, bad.line());
        assertEquals("core_freq", bad.column());
        assertTrue(bad.getMessage().contains("a.csv:3") && bad.getMessage().contains("'fast'"), bad.getMessage());

        var shortRow = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("b.csv", header, good.substring(0, good.lastIndexOf(' ')))));
        assertEquals(2, shortRow.line());

        var missing = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("c.csv", header.replace("inference_time", "time"), good)));
        assertEquals("inference_time", missing.column());
        assertEquals(1, missing.line());

        var negative = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("e.csv", header, good.replace(" 0.18 ", " -0.18 "))));
        assertEquals("inference_time", negative.column());

        var core0 = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("f.csv", header, good.replace("C0 1 0 0 0", "C0 0 1 0 0"))));
        assertEquals("core0_status", core0.column());

        var size = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("g.csv", header, good.replace("200x200", "200"))));
        assertEquals("size", size.column());

        assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(write("h.csv", header)));
        assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(write("i.csv")));
    }

    @Test
    void nonNestedCorePatternsGetAMaskOption() throws IOException {
        String header = "model_name sample size system_name config_name core0_status core1_status core2_status "
                + "core3_status core_freq gpu_status gpu_freq emc_status emc_freq inference_time power_consumption";
        MeasurementSet set = StudyCsvReader.read(write("m.csv", header,
                "x s 200x200 TX2 C0 1 1 0 0 1113600 1 1300500000 1 1062400000 0.18 2733.2",
                "x s 200x200 TX2 C1 1 0 0 1 1113600 1 1300500000 1 1062400000 0.19 2735.2",
                "x s 200x200 TX2 C2 1 1 1 0 1113600 1 1300500000 1 1062400000 0.17 2731.2"));
        assertTrue(set.space().option("core_mask").isPresent());
        assertEquals(3, set.size());
        assertEquals(3, set.space().size(), "only patterns consistent with the core count are allowed");
        assertFalse(set.space().isListed(), "the three patterns fill the product of the values: a grid");
    }

    @Test
    void commaLayoutErrorsNameTheColumnToo() throws IOException {
        String header = ",model_name,sample,size,system_name,config_name,core0_status,core1_status,core2_status,"
                + "core3_status,core_freq,gpu_status,gpu_freq,emc_status,emc_freq,inference_time,power_consumption";
        String good = "0,inceptionv3,s.JPEG,600x600,TX2,C0,1,0,0,0,1113600,1,1300500000,1,1062400000,0.39,7071.2";
        MeasurementSet ok = StudyCsvReader.read(write("ok.csv", header, good));
        assertEquals(1, ok.size());

        var status = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("s.csv", header, good, good.replace("C0,1,0,0,0", "C0,1,2,0,0"))));
        assertEquals(3, status.line());
        assertEquals("core1_status", status.column());

        var energy = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("e.csv", header, good.replace(",7071.2", ",NaN"))));
        assertEquals("power_consumption", energy.column());

        var extra = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("x.csv", header, good + ",17")));
        assertEquals(2, extra.line());
    }

    @Test
    void aFileMixingEnvironmentsIsRejectedAtTheFirstDifferentLine() throws IOException {
        String header = "model_name sample size system_name config_name core0_status core1_status core2_status "
                + "core3_status core_freq gpu_status gpu_freq emc_status emc_freq inference_time power_consumption";
        String a = "xception s.JPEG 200x200 TX2 C0 1 0 0 0 1113600 1 1300500000 1 1062400000 0.18 2733.2";
        String b = "xception s.JPEG 400x400 TX2 C0 1 1 0 0 1113600 1 1300500000 1 1062400000 0.38 4733.2";
        var e = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(write("mix.csv", header, a, b)));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("differs"), e.getMessage());
    }

    @Test
    void aRowOutsideADeclaredSpaceIsAnErrorNamingTheLine() throws IOException {
        String header = "model_name sample size system_name config_name core0_status core1_status core2_status "
                + "core3_status core_freq gpu_status gpu_freq emc_status emc_freq inference_time power_consumption";
        String odd = "xception s.JPEG 400x400 TX2 C0 1 0 0 0 1113601 1 1300500000 1 1062400000 0.38 4733.2";
        MeasurementSet full = Datasets.read("xception_400x400");
        var e = assertThrows(DatasetFormatException.class,
                () -> StudyCsvReader.read(write("odd.csv", header, odd), full.space()));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("cpu_freq"), e.getMessage());
    }

    private static final String HEADER = "model_name sample size system_name config_name core0_status core1_status "
            + "core2_status core3_status core_freq gpu_status gpu_freq emc_status emc_freq inference_time power_consumption";

    /** A space-separated row of the study layout. */
    private static String row(String size, String cores, double cpu, double gpu, double emc, double latency,
                              double energy) {
        return String.join(" ", "net", "NA", size, "TX2", "C", String.join(" ", cores.split("")),
                fmt(cpu), "1", fmt(gpu), "1", fmt(emc), Double.toString(latency), Double.toString(energy));
    }

    private static String fmt(double v) {
        return Long.toString((long) v);
    }

    @Test
    void everySharedFileIsReadWithItsDocumentedShape() {
        for (String name : List.of("inceptionv3_600x600", "xception_200x200", "xception_400x400", "xception_600x600",
                "xception_800x800")) {
            MeasurementSet grid = StudyCsvReader.read(Datasets.tx2().resolve(name + ".csv"));
            assertEquals(768, grid.size(), name);
            assertFalse(grid.space().isListed(), name + " is a grid");
            assertTrue(grid.isComplete(), name);
            assertEquals(1, grid.maxRuns(), name);
            assertEquals(StudyCsvReader.ENERGY_UNIT, grid.energyUnit(), name);
            assertFalse(grid.energyUnit().isJoules(), "the study's energy is not in joules");
        }

        MeasurementSet sampled = StudyCsvReader.read(Datasets.tx2Sampled().resolve("tx2_unknown_output1.csv"));
        assertEquals(Environment.withUnknownSize("TX2", "unknown", Map.of()), sampled.environment());
        assertEquals(181, sampled.size());
        assertTrue(sampled.space().isListed(), "a random sample offers what it measured");
        assertEquals(181, sampled.space().size());
        assertEquals(14784, sampled.space().productSize() / 4, "8 masks x 12 x 14 x 11, over 4 core counts");
        assertEquals(List.of("cores", "core_mask", "cpu_freq", "gpu_freq", "emc_freq"), sampled.space().names());
        assertEquals(8, sampled.space().require("core_mask").size());
        assertEquals(12, sampled.space().require("cpu_freq").size());
        assertEquals(14, sampled.space().require("gpu_freq").size());
        assertEquals(11, sampled.space().require("emc_freq").size());
        assertEquals(40800000, sampled.space().require("emc_freq").min());
        assertEquals(15, sampled.configurations().stream().filter(c -> c.get("gpu_freq") == 140250000
                || c.get("gpu_freq") == 497250000 || c.get("gpu_freq") == 943500000 || c.get("gpu_freq") == 1300500000)
                .filter(c -> Set.of(1062400000.0, 1331200000.0, 1600000000.0, 1866000000.0).contains(c.get("emc_freq")))
                .filter(c -> Set.of(1.0, 3.0, 7.0, 15.0).contains(c.get("core_mask"))).count(),
                "15 configurations lie inside the 768-grid domain");

        MeasurementSet raw = StudyCsvReader.read(Datasets.tx2Sampled().resolve("tx2_unknown_output1_raw.csv"));
        assertEquals(181, raw.size());
        assertEquals(903, raw.runCount(), "904 rows less the cold start");
        assertEquals(5, raw.maxRuns());
        assertEquals(0.02, raw.repeatability(Metric.LATENCY), 0.01, "median within-configuration CV about 2 %");
        for (Measurement m : sampled.measurements()) {
            Measurement median = raw.find(m.configuration()).orElseThrow();
            assertEquals(m.latency(), median.latency(), 0.0, "the main file holds the median of the raw runs");
            assertEquals(m.energy(), median.energy(), 0.0);
        }

        MeasurementSet xavier = StudyCsvReader.read(Datasets.boardChange().resolve("xavier_xception_source.csv"));
        assertEquals(Environment.withUnknownSize("Xavier", "xception", Map.of()), xavier.environment());
        assertEquals(466, xavier.size());
        assertEquals(1440, xavier.runCount());
        assertEquals(29, xavier.space().require("cpu_freq").size());
        assertEquals(14, xavier.space().require("gpu_freq").size());
        assertEquals(9, xavier.space().require("emc_freq").size());
        assertEquals(14616, xavier.space().productSize());
        MeasurementSet tx2 = StudyCsvReader.read(Datasets.boardChange().resolve("tx2_xception_5000img.csv"));
        assertEquals(416, tx2.size());
        assertEquals(1364, tx2.runCount());
        assertEquals(2304, tx2.space().productSize());

        MeasurementSet xavierWide = StudyCsvReader.read(Datasets.boardChange().resolve("xavier_xception_source_wide.csv"));
        MeasurementSet tx2Wide = StudyCsvReader.read(Datasets.boardChange().resolve("tx2_xception_5000img_wide.csv"));
        List<String> software = List.of("cache_pressure", "swappiness", "dirty_ratio", "dirty_bg_ratio", "drop_caches",
                "policy", "sched_rt_runtime", "sched_child_runs_first", "memory_growth");
        for (MeasurementSet wide : List.of(xavierWide, tx2Wide)) {
            assertEquals(software, wide.space().names().subList(4, 13), "software options after the hardware ones");
            Option growth = wide.space().require("memory_growth");
            assertEquals(OptionKind.CATEGORICAL, growth.kind(), "-1 = not set is no position on the scale");
            assertEquals(List.of("unset", "0.5", "0.9"), growth.labels());
            assertEquals(List.of(-1.0, 0.5, 0.9), growth.values());
            assertEquals(OptionKind.ORDINAL, wide.space().require("swappiness").kind());
        }
        assertEquals(480, xavierWide.size());
        assertEquals(3, xavierWide.maxRuns());
        assertEquals(804, tx2Wide.size());
        assertEquals(1364, tx2Wide.runCount());
        assertEquals(List.of(0.0), tx2Wide.space().require("cache_pressure").values());

        List<MeasurementSet> folder = StudyCsvReader.readFolder(Datasets.boardChange());
        assertEquals(List.of("TX2", "Xavier"), folder.stream().map(m -> m.environment().hardware()).distinct().toList(),
                "one folder, two boards");
    }

    @Test
    void aSampleThatIsNotAGridGetsTheListedSpaceOfItsRows() throws IOException {
        MeasurementSet set = StudyCsvReader.read(write("sample.csv", HEADER,
                row("NA", "1000", 345600, 140250000, 40800000, 2.0, 100),
                row("NA", "1100", 2035200, 1300500000, 1866000000, 0.1, 50),
                row("NA", "1000", 2035200, 140250000, 1866000000, 0.5, 60)));
        assertTrue(set.space().isListed());
        assertEquals(3, set.space().size());
        assertEquals(16, set.space().productSize());
        assertEquals(set.configurations(), set.space().configurations(), "in the order of the rows");
        Configuration unmeasured = Configuration.of("cores", 2, "cpu_freq", 345600, "gpu_freq", 140250000,
                "emc_freq", 40800000);
        assertFalse(set.space().contains(unmeasured));
        assertFalse(set.environment().hasSize());
    }

    @Test
    void nonNestedMasksKeepTheMaskWithAStableValue() throws IOException {
        MeasurementSet set = StudyCsvReader.read(write("masks.csv", HEADER,
                row("200x200", "1000", 345600, 140250000, 40800000, 2.0, 100),
                row("200x200", "1010", 345600, 140250000, 40800000, 1.5, 90),
                row("200x200", "1110", 345600, 140250000, 40800000, 1.2, 80)));
        Option mask = set.space().require("core_mask");
        assertEquals(List.of(1.0, 5.0, 7.0), mask.values(), "bit k = core k: 1000 = 1, 1010 = 5, 1110 = 7");
        assertEquals(List.of("1000", "1010", "1110"), mask.labels());
        assertEquals(Configuration.of("cores", 2, "core_mask", 5, "cpu_freq", 345600, "gpu_freq", 140250000,
                "emc_freq", 40800000), set.get(1).configuration(), "cores 0 and 2, not the first two");
        assertTrue(set.space().violation(set.get(1).configuration().with("cores", 3)).orElseThrow()
                .contains("core_mask"));

        MeasurementSet nested = StudyCsvReader.read(write("nested.csv", HEADER,
                row("200x200", "1000", 345600, 140250000, 40800000, 2.0, 100),
                row("200x200", "1100", 345600, 140250000, 40800000, 1.5, 90)));
        assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq"), nested.space().names(),
                "nested patterns are a core count");

        var collapsed = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("declared.csv", HEADER, row("200x200", "1010", 345600, 140250000, 40800000, 1.5, 90)),
                nested.space()));
        assertEquals(2, collapsed.line());
        assertEquals("core0_status", collapsed.column());
        assertTrue(collapsed.getMessage().contains("1010") && collapsed.getMessage().contains("not nested"),
                collapsed.getMessage());
    }

    @Test
    void repeatedRowsAreRunsOfOneConfigurationAndTheModelsSeeTheMedian() throws IOException {
        String a = row("200x200", "1000", 345600, 140250000, 40800000, 1.0, 10);
        MeasurementSet set = StudyCsvReader.read(write("reps.csv", HEADER + " rep cold_start",
                a.replace(" 1.0 10.0", " 8.2 300.0") + " 0 1",
                a + " 1 0",
                a.replace(" 1.0 10.0", " 1.2 14.0") + " 2 0",
                a.replace(" 1.0 10.0", " 1.1 11.0") + " 3 0",
                row("200x200", "1100", 345600, 140250000, 40800000, 0.7, 9) + " 1 0"));
        assertEquals(2, set.size());
        assertEquals(4, set.runCount(), "the cold start (model load) is left out");
        Measurement median = set.get(0);
        assertEquals(1.1, median.latency(), 0.0);
        assertEquals(11.0, median.energy(), 0.0);
        assertEquals(List.of(1.0, 1.2, 1.1), set.repetitions(median.configuration()).orElseThrow().runs().stream()
                .map(Measurement::latency).toList(), "every run, in file order");
        assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq"), set.space().names(),
                "rep and cold_start are not options");

        var badFlag = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("flag.csv", HEADER + " rep cold_start", a + " 1 2")));
        assertEquals("cold_start", badFlag.column());
        assertEquals(2, badFlag.line());
    }

    @Test
    void softwareColumnsBesideTheHardwareOnesAreOptions() throws IOException {
        String header = HEADER.replace(' ', ',') + ",num_cores,swappiness,memory_growth,src_row";
        String base = row("NA", "1100", 345600, 140250000, 40800000, 1.0, 10).replace(' ', ',');
        MeasurementSet set = StudyCsvReader.read(write("wide.csv", header,
                base + ",2,60,-1,0", base + ",2,10,0.5,1", base + ",2,60,-1,2"));
        assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq", "swappiness", "memory_growth"),
                set.space().names(), "num_cores and src_row describe the row, they are not options");
        assertEquals(2, set.size());
        assertEquals(3, set.runCount(), "the first and third rows are the same setting");
        assertEquals(OptionKind.ORDINAL, set.space().require("swappiness").kind());
        assertEquals("unset", set.space().require("memory_growth").label(-1));
        assertEquals(-1, set.get(0).configuration().get("memory_growth"));

        var notANumber = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("bad.csv", header, base + ",2,60,-1,0", base + ",2,often,-1,1")));
        assertEquals(3, notANumber.line());
        assertEquals("swappiness", notANumber.column());
        assertTrue(notANumber.getMessage().contains("bad.csv:3") && notANumber.getMessage().contains("'often'"),
                notANumber.getMessage());

        var cores = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("cores.csv", header, base + ",3,60,-1,0")));
        assertEquals("num_cores", cores.column());
        assertEquals(2, cores.line());

        MeasurementSet hardwareOnly = StudyCsvReader.read(write("narrow.csv", HEADER,
                row("NA", "1100", 345600, 140250000, 40800000, 1.0, 10)));
        var undeclared = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("wide2.csv", header, base + ",2,60,-1,0"), hardwareOnly.space()));
        assertEquals("swappiness", undeclared.column());
        assertEquals(1, undeclared.line());
    }

    @Test
    void twoBoardsInOneFolderAreTwoSets() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("boards"));
        Files.write(folder.resolve("a.csv"), List.of(HEADER, row("NA", "1000", 345600, 140250000, 40800000, 1, 2)));
        Files.write(folder.resolve("b.csv"), List.of(HEADER,
                row("NA", "1000", 345600, 140250000, 40800000, 1, 2).replace(" TX2 ", " Xavier ")));
        List<MeasurementSet> sets = StudyCsvReader.readFolder(folder);
        assertEquals(List.of("TX2", "Xavier"), sets.stream().map(m -> m.environment().hardware()).toList());
    }

    @Test
    void badSizesAndHeadersNameTheirColumn() throws IOException {
        var half = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(write("na.csv", HEADER,
                row("200xNA", "1000", 345600, 140250000, 40800000, 1, 2))));
        assertEquals("size", half.column());
        assertTrue(half.getMessage().contains("WIDTHxHEIGHT or NA"), half.getMessage());
        var twice = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(write("twice.csv",
                HEADER + " swappiness swappiness", row("NA", "1000", 345600, 140250000, 40800000, 1, 2) + " 1 2")));
        assertEquals("swappiness", twice.column());
        assertEquals(1, twice.line());
        var hardwareName = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(write("hw.csv",
                HEADER + " cores", row("NA", "1000", 345600, 140250000, 40800000, 1, 2) + " 1")));
        assertEquals("cores", hardwareName.column());
    }

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }
}

package org.tunerd.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

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

        var duplicate = assertThrows(DatasetFormatException.class, () -> StudyCsvReader.read(
                write("d.csv", header, good, good)));
        assertTrue(duplicate.getMessage().contains("already measured on line 2"), duplicate.getMessage());

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

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }
}

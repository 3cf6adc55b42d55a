package org.tunerd.daemon.device.software;

import java.util.List;
import java.util.Objects;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

/**
 * A software option of the inference (batch size, precision, threads, a framework knob): its values as an
 * {@link Option} of the space, and how a value reaches the inference command.
 *
 * <p>Whole-number values make an {@link OptionKind#ORDINAL ordinal} option (the tuner may exploit their
 * order, e.g. a batch size); string values a {@link OptionKind#CATEGORICAL categorical} one whose codes
 * are the values' positions in the declared order. Either way the command receives the value as written
 * ({@link Option#label}: {@code 8}, {@code fp16}).
 *
 * @param option   the option: its name is not a hardware option's ({@link BoardOptions#HARDWARE})
 * @param delivery how its value reaches the command
 */
public record SoftwareOption(Option option, Delivery delivery) {

    public SoftwareOption {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(delivery, "delivery");
        if (BoardOptions.isHardware(option.name())) {
            throw new IllegalArgumentException("'" + option.name() + "' is a hardware option, not a software one");
        }
    }

    /** An option over whole numbers (sorted here), e.g. batch sizes. */
    public static SoftwareOption ofNumbers(String name, List<Long> values, Delivery delivery) {
        return new SoftwareOption(Option.ordinal(name, values.stream().map(Long::doubleValue).toList()), delivery);
    }

    /** An option over strings in the order given, e.g. {@code fp32, fp16, int8}. */
    public static SoftwareOption ofStrings(String name, List<String> values, Delivery delivery) {
        return new SoftwareOption(Option.categorical(name, values), delivery);
    }

    public String name() {
        return option.name();
    }

    /** This option with the values (codes, labels) of {@code other}, an option of the same name a device models. */
    SoftwareOption as(Option other) {
        return new SoftwareOption(other, delivery);
    }
}

package org.tunerd.daemon.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps event payloads small whatever the input: a text is cut to {@value #MAX_CHARS} characters and a
 * list of problems to {@value #MAX_ITEMS} entries, with the number left out said. Cutting is idempotent:
 * a bounded value stays as it is, so a decoded payload equals the one encoded.
 */
public final class Bounded {

    /** Most entries of a problem list kept in an event. */
    public static final int MAX_ITEMS = 20;
    /** Most characters of one text (a reason, a problem, a quoted value) kept in an event. */
    public static final int MAX_CHARS = 512;

    private Bounded() {
    }

    /** {@code text} if short enough, else its start and how many characters were left out. */
    public static String text(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return text;
        }
        String rest = "... (" + text.length() + " characters in all)";
        return text.substring(0, MAX_CHARS - rest.length()) + rest;
    }

    /** The first {@value #MAX_ITEMS} entries, each a {@link #text bounded text}. */
    public static List<String> items(List<String> items) {
        List<String> out = new ArrayList<>(Math.min(items.size(), MAX_ITEMS));
        for (String item : items.subList(0, Math.min(items.size(), MAX_ITEMS))) {
            out.add(text(item));
        }
        return List.copyOf(out);
    }

    /** How many entries {@link #items} leaves out of {@code items}. */
    public static int omitted(List<?> items) {
        return Math.max(0, items.size() - MAX_ITEMS);
    }
}

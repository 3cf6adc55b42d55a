package org.tunerd.daemon.device.jetson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the board profile that fits the running board: the chip must match the profile's
 * {@code compatible}, {@code chipIds} or {@code socIds}; then its model pattern and required paths decide
 * between profiles of the same chip (e.g. Orin on JetPack 5 or 6). An explicit board name skips detection.
 */
public final class BoardDetector {

    private BoardDetector() {
    }

    /** The explicitly named profile, or the only detected one; fails explaining what was found. */
    public static BoardProfile select(BoardProfiles profiles, SysfsFiles files, Optional<String> explicit) {
        if (explicit.isPresent()) {
            return profiles.require(explicit.get());
        }
        BoardIdentity identity = BoardIdentity.read(files);
        List<BoardProfile> matches = matching(profiles, files, identity);
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new BoardProfileException("no board profile matches this board " + identity + " under "
                    + files.root() + "; known boards: " + profiles.all().keySet()
                    + "; set the board explicitly or add a profile to the override folder");
        }
        throw new BoardProfileException("several board profiles match this board " + identity + ": "
                + matches.stream().map(BoardProfile::name).toList() + "; set the board explicitly");
    }

    /** Every profile whose detection rules the board satisfies, in name order. */
    public static List<BoardProfile> matching(BoardProfiles profiles, SysfsFiles files, BoardIdentity identity) {
        List<BoardProfile> out = new ArrayList<>();
        for (BoardProfile p : profiles.all().values()) {
            if (matches(p.detect(), files, identity)) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean matches(BoardProfile.Detect d, SysfsFiles files, BoardIdentity id) {
        boolean chip = d.compatible().stream().anyMatch(id.compatible()::contains)
                || (id.chipId().isPresent() && d.chipIds().contains(id.chipId().getAsInt()))
                || (id.socId().isPresent() && d.socIds().contains(id.socId().getAsInt()));
        if (!chip) {
            return false;
        }
        if (d.model().isPresent()
                && (id.model().isEmpty() || !Pattern.compile(d.model().get()).matcher(id.model().get()).find())) {
            return false;
        }
        return d.requirePaths().stream().allMatch(files::exists);
    }
}

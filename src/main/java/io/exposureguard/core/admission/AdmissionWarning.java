package io.exposureguard.core.admission;

import io.exposureguard.core.model.Documentation;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.policy.Decision;

/**
 * One warning kubectl prints for a finding the request is allowed with: "exposure-guard RULE severity (action):
 * message. Fix: fix More: rule docs". The API server drops a warning longer than {@link #MAX_LENGTH} characters,
 * so a long message and fix are shortened at a word, each keeping at least half the room the other does not
 * need, and the link to the rule's documentation is always whole: the rest is there, and in the Event on the
 * object. Objects of other namespaces are not named (as in denials). Pure.
 */
public final class AdmissionWarning {

    /** The API server drops warnings longer than this many characters. */
    public static final int MAX_LENGTH = 256;

    static final String ELLIPSIS = "...";

    private AdmissionWarning() {
    }

    /** The warning for {@code d}, after {@code prefix} ("" or what makes it special), for a sender in {@code namespace}. */
    public static String of(String prefix, Decision d, String namespace) {
        Finding f = d.finding();
        String head = prefix + "exposure-guard " + f.rule().id() + " " + f.severity().label() + " (" + d.action().label() + "): ";
        String fixLead = ". Fix: ";
        String tail = " More: " + Documentation.rule(f.rule().id());
        String message = trimEnd(FindingText.message(f, namespace));
        String fix = FindingText.remediation(f, namespace);
        int room = MAX_LENGTH - head.length() - fixLead.length() - tail.length();
        if (room < 2 * ELLIPSIS.length() + 2) {
            return shorten(head + message + fixLead + fix, MAX_LENGTH);
        }
        if (message.length() + fix.length() > room) {
            int fixRoom = fix.length() <= room / 2 ? fix.length() : Math.max(room / 2, room - message.length());
            fix = shorten(fix, fixRoom);
            message = shorten(message, room - fix.length());
        }
        return head + message + (message.endsWith(ELLIPSIS) ? " Fix: " : fixLead) + fix + tail;
    }

    /** A warning of free text, cut to the {@link #MAX_LENGTH} the API server keeps. */
    public static String fit(String text) {
        return shorten(text, MAX_LENGTH);
    }

    /** {@code text} cut to at most {@code max} characters, at the last space if one is in the second half, with "...". */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - ELLIPSIS.length();
        int space = text.lastIndexOf(' ', cut);
        return trimEnd(text.substring(0, space > cut / 2 ? space : cut)) + ELLIPSIS;
    }

    /** Without trailing spaces and the full stop a message may end with (". Fix:" follows). */
    private static String trimEnd(String text) {
        return text.replaceAll("[\\s.,;:]+$", "");
    }
}

package dev.meshtest.internal.yaml;

import java.util.SplittableRandom;

/** Random edits of a YAML text, for the reader's robustness and equivalence properties. */
final class Mutations {

    private Mutations() {
    }

    /**
     * {@code text} with 1 to {@code maxEdits} edits at random places: a character of
     * {@code alphabet} replaced, inserted, or deleted, and when {@code longestRun > 0} also a run of
     * up to that many copies of one inserted (long runs reach past the reader's chunks).
     */
    static String mutate(String text, String alphabet, int maxEdits, int longestRun, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(maxEdits);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            int op = random.nextInt(longestRun > 0 ? 4 : 3);
            if (op == 0) {
                sb.setCharAt(at, c);
            } else if (op == 1) {
                sb.insert(at, c);
            } else if (op == 2 && longestRun > 0) {
                sb.insert(at, String.valueOf(c).repeat(random.nextInt(longestRun)));
            } else {
                sb.deleteCharAt(at);
            }
        }
        return sb.toString();
    }
}

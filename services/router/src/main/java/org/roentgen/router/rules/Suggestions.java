package org.roentgen.router.rules;

import java.util.Locale;

/** "Did you mean": the nearest known word to a misspelt one (Levenshtein distance). */
final class Suggestions {
  private static final int MAX_DISTANCE = 3;
  private static final int LETTERS_PER_EDIT = 3;

  private Suggestions() {}

  /**
   * The candidate nearest to {@code word}, ignoring case, when it is close enough to be a likely
   * typo (at most one edit per three letters, three at most); else null.
   */
  static String nearest(String word, Iterable<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    int limit = Math.min(MAX_DISTANCE, Math.max(1, w.length() / LETTERS_PER_EDIT));
    String best = null;
    int bestDistance = limit + 1;
    for (String c : candidates) {
      if (Math.abs(c.length() - w.length()) >= bestDistance) {
        continue;
      }
      int d = distance(w, c.toLowerCase(Locale.ROOT), bestDistance);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** " (did you mean 'x'?)" or the empty string. */
  static String hint(String word, Iterable<String> candidates) {
    String s = nearest(word, candidates);
    return s == null ? "" : " (did you mean '" + s + "'?)";
  }

  /** Levenshtein distance, giving up (returning {@code cap}) once every path exceeds it. */
  private static int distance(String a, String b, int cap) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin >= cap) {
        return cap;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

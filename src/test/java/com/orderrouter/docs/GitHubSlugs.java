package com.orderrouter.docs;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The anchors GitHub gives a Markdown file's headings: the heading's text as rendered (no backticks, emphasis markers
 * or link targets), lower-cased, every character that is not a letter, mark, digit, underscore, hyphen or space
 * dropped (so {@code …}, quotes, commas and parentheses go), each space a hyphen; a repeated heading gets
 * {@code -1}, {@code -2}, ... in order.
 */
final class GitHubSlugs {

    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern MARKUP = Pattern.compile("[`*]|<[^>]+>");
    private static final Pattern NOT_KEPT = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]");

    private GitHubSlugs() {
    }

    /** The slug of one heading's Markdown text, before any duplicate suffix. */
    static String slug(String headingMarkdown) {
        String text = LINK.matcher(headingMarkdown).replaceAll("$1");
        text = MARKUP.matcher(text).replaceAll("");
        text = NOT_KEPT.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("");
        return text.replace(' ', '-');
    }

    /** Every anchor of a file whose headings are these, in order, repeats numbered as GitHub (github-slugger) does. */
    static Set<String> anchors(List<String> headingsMarkdown) {
        Map<String, Integer> occurrences = new HashMap<>();
        Set<String> anchors = new LinkedHashSet<>();
        for (String heading : headingsMarkdown) {
            String original = slug(heading);
            String anchor = original;
            while (occurrences.containsKey(anchor)) {
                anchor = original + "-" + occurrences.merge(original, 1, Integer::sum);
            }
            occurrences.put(anchor, 0);
            anchors.add(anchor);
        }
        return anchors;
    }
}

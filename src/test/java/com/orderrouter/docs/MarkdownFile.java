package com.orderrouter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the documentation checks need from one Markdown file: its lines, its headings (and so its anchors) and the
 * targets of its links, each with its line number. Fenced code blocks hold no headings or links, and code spans
 * hold no links; both still count as text for {@link TestClassMentions}.
 */
final class MarkdownFile {

    record Heading(int line, String text) {
    }

    record Link(int line, String target) {
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern INLINE_LINK = Pattern.compile(
            "\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]*)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    private final Path path;
    private final List<String> lines;
    private final List<Heading> headings = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    private MarkdownFile(Path path, String text) {
        this.path = path;
        this.lines = text.lines().toList();
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fenceMatch = FENCE.matcher(line);
            if (fence == null && fenceMatch.find()) {
                fence = fenceMatch.group(1);
                continue;
            }
            if (fence != null) {
                if (fenceMatch.find() && fenceMatch.group(1).charAt(0) == fence.charAt(0)
                        && fenceMatch.group(1).length() >= fence.length() && line.strip().equals(fenceMatch.group(1))) {
                    fence = null;
                }
                continue;
            }
            read(i + 1, line);
        }
    }

    static MarkdownFile read(Path path) {
        try {
            return parse(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MarkdownFile parse(Path path, String text) {
        return new MarkdownFile(path, text);
    }

    private void read(int lineNumber, String line) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            headings.add(new Heading(lineNumber, heading.group(1) == null ? "" : heading.group(1)));
        }
        String outsideCode = CODE_SPAN.matcher(line).replaceAll(" ");
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, HTML_LINK)) {
            Matcher link = pattern.matcher(outsideCode);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("<") && target.endsWith(">")) {
                    target = target.substring(1, target.length() - 1);
                }
                links.add(new Link(lineNumber, target));
            }
        }
    }

    Path path() {
        return path;
    }

    List<String> lines() {
        return lines;
    }

    List<Heading> headings() {
        return headings;
    }

    List<Link> links() {
        return links;
    }

    /** The anchors GitHub gives this file's headings. */
    Set<String> anchors() {
        return GitHubSlugs.anchors(headings.stream().map(Heading::text).toList());
    }
}

package com.orderrouter.docs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every relative link of some Markdown files resolves, offline: a file or folder link names something in the
 * repository, {@code #anchor} is a heading of the same file, {@code other.md#anchor} a heading of that file (by
 * {@link GitHubSlugs}). Links with a scheme ({@code https:}, {@code mailto:}, ...) are not followed.
 */
final class RelativeLinks {

    private static final Pattern EXTERNAL = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|//).*");
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(?:-L\\d+)?");

    private final Path repository;
    private final Map<Path, MarkdownFile> linkedFiles = new HashMap<>();

    private RelativeLinks(Path repository) {
        this.repository = repository.toAbsolutePath().normalize();
    }

    /** The links of these files that do not resolve, in file and line order. */
    static List<Problem> check(Path repository, List<MarkdownFile> files) {
        RelativeLinks links = new RelativeLinks(repository);
        List<Problem> problems = new ArrayList<>();
        for (MarkdownFile file : files) {
            for (MarkdownFile.Link link : file.links()) {
                String problem = links.problemWith(file, link.target());
                if (problem != null) {
                    problems.add(new Problem(links.shown(file.path()), link.line(), problem));
                }
            }
        }
        return problems;
    }

    private String problemWith(MarkdownFile file, String target) {
        if (EXTERNAL.matcher(target).matches()) {
            return null;
        }
        if (target.isEmpty() || target.equals("#")) {
            return "empty link target";
        }
        int hash = target.indexOf('#');
        String pathPart = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
        if (pathPart.isEmpty()) {
            return file.anchors().contains(anchor) ? null
                    : "link \"" + target + "\": no heading with anchor #" + anchor + " in this file";
        }
        Path base = pathPart.startsWith("/") ? repository : file.path().toAbsolutePath().getParent();
        Path linked = base.resolve(pathPart.replaceFirst("^/+", "")).normalize();
        if (!linked.startsWith(repository)) {
            return "link \"" + target + "\": points outside the repository";
        }
        if (!Files.exists(linked)) {
            return "link \"" + target + "\": no such file or folder " + shown(linked);
        }
        if (anchor == null) {
            return null;
        }
        if (linked.toString().endsWith(".md") && Files.isRegularFile(linked)) {
            MarkdownFile other = linkedFiles.computeIfAbsent(linked, MarkdownFile::read);
            return other.anchors().contains(anchor) ? null
                    : "link \"" + target + "\": no heading with anchor #" + anchor + " in " + shown(linked);
        }
        return Files.isRegularFile(linked) && LINE_ANCHOR.matcher(anchor).matches() ? null
                : "link \"" + target + "\": #" + anchor + " cannot be checked in " + shown(linked)
                        + " (only Markdown headings and #L<line> of a file)";
    }

    private Path shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repository) ? repository.relativize(absolute) : path;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

package com.orderrouter.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.orderrouter.testing.RouteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kaoto keeps only a route file's leading comment block when it saves it, so every other comment would be lost on the
 * first save: each step's why lives in its {@code description}, which Kaoto keeps and shows. Fails when a route file
 * in routes/ has a comment after its first non-comment line, or when a route, its {@code from}, a processor step, a
 * {@code when}, {@code otherwise}, {@code doCatch}, {@code doFinally} or {@code onException} has no description.
 * ({@code beans:} entries and error handlers take no description in Camel 4.17's YAML DSL schema: their why goes in
 * the leading comment block or in the enclosing route configuration's description.)
 */
class RouteDescriptionsTest {

    private static final Path ROUTES = Path.of("routes");

    @Test
    void theProjectsRoutesKeepEveryWhyInADescription() {
        assertThat(routeFiles(ROUTES)).isNotEmpty().allSatisfy(file -> assertThat(problems(file)).isEmpty());
    }

    @Test
    void theSnippetsEngineersPasteHaveDescriptionsToo() {
        Path snippet = Path.of("src/test/resources/route-examples/forward-refunds.yaml");
        assertThat(problemsOfSnippet(snippet, "steps")).isEmpty();
        Path branch = Path.of("src/test/resources/route-changes/order-cancelled-when.yaml");
        assertThat(problemsOfSnippet(branch, "when")).isEmpty();
    }

    @Test
    void aCommentInARouteBodyIsFound(@TempDir Path copy) throws IOException {
        RouteFiles.copy(ROUTES, copy);
        Path file = copy.resolve("orders-sqs-to-dynamodb.camel.yaml");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int unmarshal = lines.indexOf("        - unmarshal:");
        lines.add(unmarshal, "        # strict JSON");
        lines.set(lines.indexOf("        greedy: true"), "        greedy: true  # poll again at once");
        Files.write(file, lines);

        assertThat(problems(file)).containsExactly(
                file + ":" + (lines.indexOf("        greedy: true  # poll again at once") + 1)
                        + ": a comment in the route body (Kaoto drops it): # poll again at once",
                file + ":" + (unmarshal + 1) + ": a comment in the route body (Kaoto drops it): # strict JSON");
    }

    @Test
    void aStepWithoutADescriptionIsFound(@TempDir Path copy) throws IOException {
        RouteFiles.copy(ROUTES, copy);
        Path file = copy.resolve("item-to-dynamodb.camel.yaml");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int otherwise = lines.indexOf("            otherwise:");
        assertThat(lines.get(otherwise + 1)).startsWith("              description:");
        lines.remove(otherwise + 1);
        Files.write(file, lines);

        assertThat(problems(file)).containsExactly(file + ":" + (otherwise + 2) + ": otherwise has no description");
    }

    /** Each problem as {@code file:line: what}. */
    static List<String> problems(Path file) {
        String text = read(file);
        List<String> problems = new ArrayList<>(inlineComments(file, text));
        Node root = compose(text);
        if (root instanceof SequenceNode items) {
            for (Node item : items.getValue()) {
                for (NodeTuple entry : tuples(item)) {
                    String kind = key(entry);
                    if (kind.equals("beans")) {
                        continue; // no description in the schema: the leading comment block explains them
                    }
                    if (kind.equals("route") || kind.equals("routeConfiguration")) {
                        described(file, kind, entry.getValueNode(), problems);
                    }
                    if (kind.equals("route")) {
                        value(entry.getValueNode(), "from").ifPresent(from -> described(file, "from", from, problems));
                    }
                    walk(file, entry.getValueNode(), problems);
                }
            }
        }
        return problems;
    }

    /** A snippet README tells engineers to paste: a list of steps, or of a choice's when branches. */
    private static List<String> problemsOfSnippet(Path file, String listOf) {
        String text = read(file);
        List<String> problems = new ArrayList<>(inlineComments(file, text));
        Node root = compose(text);
        assertThat(root).as(file + " is a list").isInstanceOf(SequenceNode.class);
        check(file, listOf, root, problems);
        walk(file, root, problems);
        return problems;
    }

    /** Every step list and branch under {@code node}, at any depth. */
    private static void walk(Path file, Node node, List<String> problems) {
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(child -> walk(file, child, problems));
            return;
        }
        for (NodeTuple entry : tuples(node)) {
            check(file, key(entry), entry.getValueNode(), problems);
            walk(file, entry.getValueNode(), problems);
        }
    }

    /** The value of {@code key}, when it holds steps or branches: each of them described. */
    private static void check(Path file, String key, Node value, List<String> problems) {
        switch (key) {
            case "steps", "onException" -> {
                if (value instanceof SequenceNode steps) {
                    // each step is a one-key map: {setHeader: {description: ..., ...}}
                    steps.getValue().forEach(step -> tuples(step).forEach(
                            processor -> described(file, key(processor), processor.getValueNode(), problems)));
                }
            }
            case "when", "doCatch" -> {
                if (value instanceof SequenceNode branches) {
                    branches.getValue().forEach(branch -> described(file, key, branch, problems));
                }
            }
            case "otherwise", "doFinally" -> described(file, key, value, problems);
            default -> {
                // parameters, expressions and the like hold no step
            }
        }
    }

    private static void described(Path file, String kind, Node node, List<String> problems) {
        boolean has = value(node, "description").filter(ScalarNode.class::isInstance)
                .map(description -> !((ScalarNode) description).getValue().isBlank()).orElse(false);
        if (!has) {
            problems.add(file + ":" + line(node.getStartMark()) + ": " + kind + " has no description");
        }
    }

    /**
     * Comments after the file's first non-comment line: Kaoto keeps the leading block only. Read from the YAML
     * parser, so a {@code #} inside a value is no comment.
     */
    private static List<String> inlineComments(Path file, String text) {
        LoadSettings settings = LoadSettings.builder().setParseComments(true).build();
        ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
        List<String> comments = new ArrayList<>();
        boolean body = false;
        while (parser.hasNext()) {
            Event event = parser.next();
            if (event instanceof NodeEvent) {
                body = true;
            } else if (body && event instanceof CommentEvent comment && comment.getCommentType() != CommentType.BLANK_LINE) {
                comments.add(file + ":" + line(comment.getStartMark()) + ": a comment in the route body (Kaoto drops it): #"
                        + comment.getValue());
            }
        }
        return comments;
    }

    private static List<NodeTuple> tuples(Node node) {
        return node instanceof MappingNode mapping ? mapping.getValue() : List.of();
    }

    private static String key(NodeTuple entry) {
        return entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
    }

    private static Optional<Node> value(Node node, String key) {
        return tuples(node).stream().filter(entry -> key(entry).equals(key)).map(NodeTuple::getValueNode).findFirst();
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    private static Node compose(String text) {
        LoadSettings settings = LoadSettings.builder().build();
        return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode()
                .orElse(null);
    }

    private static List<Path> routeFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

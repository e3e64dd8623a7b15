package com.orderrouter.ops.routecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.apache.camel.NamedNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The route files as YAML trees, so that a problem names the file (as the engineer gave it) and the line of the step.
 * <p>
 * Camel records where each step came from ({@code camel.main.sourceLocationEnabled}), but as the 0-based line of the
 * step's YAML mapping: for {@code - setBody:} followed by its options on the next line that is the step's own line,
 * for a {@code when} list item or a flow mapping ({@code - stop: {}}) it is the line before. {@link #line} turns it
 * into the line an editor shows.
 */
public final class SourceLines {

    /** A YAML mapping that is a step: the key it is under and the 1-based line that names it. */
    private record Step(String key, int line) {
    }

    private final Map<Path, Path> asGiven = new LinkedHashMap<>();
    private final Map<Path, Node> trees = new HashMap<>();
    /** per file: 0-based start line of a mapping to the steps starting there */
    private final Map<Path, Map<Integer, List<Step>>> steps = new HashMap<>();

    public SourceLines(List<Path> files) {
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            asGiven.put(absolute, file);
            Node tree = compose(read(file));
            trees.put(absolute, tree);
            Map<Integer, List<Step>> starts = new HashMap<>();
            indexSteps(tree, starts);
            steps.put(absolute, starts);
        }
    }

    /** The file a step was loaded from, as given, or empty when Camel did not record it. */
    public Optional<Path> file(NamedNode step) {
        String location = step.getLocation();
        if (location == null) {
            return Optional.empty();
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Optional.ofNullable(asGiven.get(Path.of(path).toAbsolutePath().normalize()));
    }

    /** The 1-based line of a step in its file (see the class comment). */
    public int line(NamedNode step) {
        int recorded = step.getLineNumber();
        Optional<Path> file = file(step);
        if (recorded < 0 || file.isEmpty()) {
            return Math.max(recorded, 0);
        }
        List<Step> starting = steps.get(file.get().toAbsolutePath().normalize()).getOrDefault(recorded, List.of());
        return starting.stream().filter(s -> s.key().equals(step.getShortName())).findFirst().map(Step::line)
                .orElse(recorded);
    }

    /**
     * The line of a value under {@code beans:} (e.g. {@code attributes}, {@code total} of the bean named
     * {@code orderCreatedWrite}), with its file; the bean's own line when the path does not lead anywhere.
     */
    public Optional<Located> beanProperty(String beanName, String... path) {
        for (Map.Entry<Path, Node> tree : trees.entrySet()) {
            for (Node element : items(tree.getValue())) {
                for (Node bean : items(child(element, "beans").orElse(null))) {
                    if (!child(bean, "name").map(SourceLines::text).orElse("").equals(beanName)) {
                        continue;
                    }
                    Node node = child(bean, "properties").orElse(null);
                    int line = line(bean);
                    for (String key : path) {
                        Optional<NodeTuple> tuple = tuple(node, key);
                        if (tuple.isEmpty()) {
                            break;
                        }
                        line = line(tuple.get().getKeyNode());
                        node = tuple.get().getValueNode();
                    }
                    return Optional.of(new Located(asGiven.get(tree.getKey()), line));
                }
            }
        }
        return Optional.empty();
    }

    /** The first line holding {@code key:} under the top-level element of {@code kind} with that id. */
    public Optional<Located> keyUnder(String kind, String id, String key) {
        for (Map.Entry<Path, Node> tree : trees.entrySet()) {
            for (Node element : items(tree.getValue())) {
                Optional<Node> definition = child(element, kind);
                if (definition.isPresent() && child(definition.get(), "id").map(SourceLines::text).orElse("")
                        .equals(id)) {
                    List<Integer> lines = new ArrayList<>();
                    scalars(definition.get(), (tupleKey, value) -> {
                        if (tupleKey.equals(key)) {
                            lines.add(line(value));
                        }
                    });
                    return Optional.of(new Located(asGiven.get(tree.getKey()),
                            lines.isEmpty() ? line(element) : lines.get(0)));
                }
            }
        }
        return Optional.empty();
    }

    /** Every scalar value of every file, with the key it is under ("" in a list) and its file, in file order. */
    public void forEachScalar(ScalarVisitor visitor) {
        trees.forEach((file, tree) -> scalars(tree, (key, value) -> visitor.visit(asGiven.get(file), line(value),
                ((ScalarNode) value).getValue())));
    }

    /** A scalar value's file, line and text. */
    @FunctionalInterface
    public interface ScalarVisitor {
        void visit(Path file, int line, String value);
    }

    /** A place in a route file. */
    public record Located(Path file, int line) {
    }

    private static void scalars(Node node, BiConsumer<String, Node> out) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getValueNode() instanceof ScalarNode) {
                    out.accept(text(tuple.getKeyNode()), tuple.getValueNode());
                } else {
                    scalars(tuple.getValueNode(), out);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode) {
                    out.accept("", item);
                } else {
                    scalars(item, out);
                }
            }
        }
    }

    /** Every mapping under a key (a step's options) or in a list under a key (a when), by its start line. */
    private static void indexSteps(Node node, Map<Integer, List<Step>> starts) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = text(tuple.getKeyNode());
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode) {
                    add(starts, value, new Step(key, line(tuple.getKeyNode())));
                } else if (value instanceof SequenceNode sequence) {
                    for (Node item : sequence.getValue()) {
                        if (item instanceof MappingNode) {
                            add(starts, item, new Step(key, line(item)));
                        }
                    }
                }
                indexSteps(value, starts);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> indexSteps(item, starts));
        }
    }

    private static void add(Map<Integer, List<Step>> starts, Node mapping, Step step) {
        starts.computeIfAbsent(line(mapping) - 1, line -> new ArrayList<>()).add(step);
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of();
    }

    static Optional<Node> child(Node node, String key) {
        return tuple(node, key).map(NodeTuple::getValueNode);
    }

    private static Optional<NodeTuple> tuple(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (text(tuple.getKeyNode()).equals(key)) {
                    return Optional.of(tuple);
                }
            }
        }
        return Optional.empty();
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : "";
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private static Node compose(String text) {
        LoadSettings settings = LoadSettings.builder().build();
        return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode()
                .orElse(null);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

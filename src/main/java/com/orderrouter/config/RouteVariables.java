package com.orderrouter.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.orderrouter.config.MalformedDeclarationException.Problem;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The environment variables the routes read beyond the platform's own {@link Setting}s, declared beside the routes
 * in {@code ROUTES_DIR/environment.yaml} so that a route can use a new variable without a Java change. Start-up
 * checks them with the platform's and hands each to Camel as its property (see {@link RouteVariableEntry} for an
 * entry's keys). No file: the routes read no variables of their own. A malformed file stops start-up naming its
 * lines and entries.
 */
public final class RouteVariables {

    public static final String FILE_NAME = "environment.yaml";

    private final String file;
    private final List<RouteVariable> variables;

    private RouteVariables(String file, List<RouteVariable> variables) {
        this.file = file;
        this.variables = List.copyOf(variables);
    }

    /**
     * @throws MalformedDeclarationException naming every problem of the file at once
     */
    public static RouteVariables read(Path routesDir) {
        Path path = routesDir.resolve(FILE_NAME);
        String file = path.toString();
        if (!Files.exists(path)) {
            return new RouteVariables(file, List.of());
        }
        List<Problem> problems = new ArrayList<>();
        List<Declared> declared = new ArrayList<>();
        for (Node entry : entries(compose(file, path), problems)) {
            RouteVariableEntry.parse(entry, problems)
                    .ifPresent(variable -> declared.add(new Declared(RouteVariableEntry.line(entry), variable)));
        }
        problems.addAll(clashes(declared));
        if (!problems.isEmpty()) {
            throw new MalformedDeclarationException(file, problems);
        }
        return new RouteVariables(file, declared.stream().map(Declared::variable).toList());
    }

    /** A variable and the line its entry starts on. */
    private record Declared(int line, RouteVariable variable) {
    }

    /** The declaration file, as start-up names it. */
    public String file() {
        return file;
    }

    public List<RouteVariable> all() {
        return variables;
    }

    /** Values the variables' checks accept, with which validate-routes loads the routes it checks. */
    public Map<String, String> placeholderEnvironment() {
        Map<String, String> environment = new HashMap<>();
        variables.forEach(variable -> environment.put(variable.name(), variable.placeholder()));
        return environment;
    }

    /** The file holds {@code variables:} and a list, possibly empty; a file of comments alone declares none. */
    private static List<Node> entries(Node root, List<Problem> problems) {
        if (root == null) {
            return List.of();
        }
        if (root instanceof MappingNode mapping && mapping.getValue().size() == 1
                && RouteVariableEntry.text(mapping.getValue().get(0).getKeyNode()).equals("variables")
                && mapping.getValue().get(0).getValueNode() instanceof SequenceNode list) {
            return list.getValue();
        }
        problems.add(new Problem(RouteVariableEntry.line(root),
                "expected one key, variables, holding a list of entries (variables: [] declares none)"));
        return List.of();
    }

    /** A variable declared twice, or a name or property the platform owns, would make start-up ambiguous. */
    private static List<Problem> clashes(List<Declared> declared) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> owners = new HashMap<>(Settings.platformProperties());
        Set<String> names = new HashSet<>();
        for (Declared entry : declared) {
            RouteVariable variable = entry.variable();
            String name = variable.name();
            if (Setting.all().stream().anyMatch(setting -> setting.name().equals(name))) {
                problems.add(new Problem(entry.line(), name + ": is one of the platform's settings (README's "
                        + "Configuration table), not a route's"));
            } else if (!names.add(name)) {
                problems.add(new Problem(entry.line(), name + ": is declared twice"));
            } else {
                String owner = owners.putIfAbsent(variable.property(), name);
                if (owner != null) {
                    problems.add(new Problem(entry.line(), name + ": property " + variable.property()
                            + " is already set by " + owner));
                }
            }
        }
        return problems;
    }

    private static Node compose(String file, Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoadSettings settings = LoadSettings.builder().build();
        try {
            return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode()
                    .orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0);
            throw new MalformedDeclarationException(file, List.of(new Problem(line, "not valid YAML: " + e.getProblem())));
        }
    }
}

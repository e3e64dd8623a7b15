package com.orderrouter.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.orderrouter.OrderRouterMain;
import com.orderrouter.config.MalformedDeclarationException;
import com.orderrouter.config.RouteTunables;
import com.orderrouter.config.RouteVariables;
import com.orderrouter.config.Settings;
import com.orderrouter.config.StandInDeployment;
import com.orderrouter.ops.routecheck.ContractFiles;
import com.orderrouter.ops.routecheck.LoadedRoutesCheck;
import com.orderrouter.ops.routecheck.OneLine;
import com.orderrouter.ops.routecheck.SourceLines;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.Main;
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
 * The check an integration engineer runs before deploying edited routes ({@code java -jar order-router.jar
 * validate-routes [dir]}): every {@code *.yaml} is validated against the YAML DSL's JSON schema shipped in
 * camel-yaml-dsl and every contract parsed, then all of them are loaded into a Camel context whose routes are not
 * started (no consumers, no AWS calls) and checked step by step for what would otherwise break only at run time
 * ({@link LoadedRoutesCheck}). The folder's {@code environment.yaml} is checked as the declaration of the routes'
 * variables, not as a route. Every problem is reported, one line each, naming the file and line.
 */
public final class RouteCheck {

    /** One problem: {@code file:line: message}, or {@code file:line:column: message} where the column is known. */
    public record Problem(String file, int line, int column, String message) {

        public Problem(String file, int line, String message) {
            this(file, line, 0, message);
        }

        @Override
        public String toString() {
            return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
        }
    }

    private static final String SCHEMA = "/schema/camelYamlDsl.json";
    /** Camel's PropertiesComponent on a {{property}} nothing sets. */
    private static final Pattern UNSET = Pattern.compile("Property with key \\[(.+?)] not found");
    private static final YAMLMapper YAML = new YAMLMapper();

    private RouteCheck() {
    }

    public static List<Problem> check(Path routesDir) {
        List<Path> files = yamlFiles(routesDir);
        if (files.isEmpty()) {
            return List.of(new Problem(routesDir.toString(), 0, "no *.yaml route files"));
        }
        JsonSchema schema = schema();
        List<Problem> problems = new ArrayList<>();
        RouteVariables routeVariables = null;
        try {
            routeVariables = RouteVariables.read(routesDir);
        } catch (MalformedDeclarationException e) {
            e.problems().forEach(problem -> problems.add(new Problem(e.file(), problem.line(), problem.message())));
        }
        for (Path file : files) {
            problems.addAll(validate(schema, file));
        }
        problems.addAll(ContractFiles.check(routesDir));
        // routes that do not parse, or contracts, would fail the load on the first of them: they come first
        return problems.isEmpty() ? load(routesDir, files, routeVariables) : problems;
    }

    private static List<Problem> validate(JsonSchema schema, Path file) {
        String text = read(file);
        JsonNode document;
        try {
            document = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return List.of(new Problem(file.toString(), line, "not valid YAML: " + oneLine(e.getOriginalMessage())));
        }
        Node tree = compose(text);
        Set<Problem> problems = new LinkedHashSet<>();
        for (ValidationMessage message : schema.validate(document)) {
            if (isPlaceholder(document, message.getInstanceLocation())) {
                continue; // "{{property}}" stands for a value of any type; Camel resolves it when loading
            }
            problems.add(new Problem(file.toString(), lineOf(tree, message.getInstanceLocation()),
                    message.getMessage()));
        }
        return List.copyOf(problems);
    }

    /**
     * Loads every route into Camel with the service's beans, without starting any route, and checks the loaded routes
     * ({@link LoadedRoutesCheck}); when they pass, the routes are created as start-up creates them. The variables the
     * folder declares stand in with their defaults, else with values their checks accept.
     */
    private static List<Problem> load(Path routesDir, List<Path> files, RouteVariables routeVariables) {
        Main main = new Main(OrderRouterMain.class);
        // the tunables beside the routes checked, as the service loads them from its ROUTES_DIR
        main.setPropertyPlaceholderLocations(RouteTunables.placeholderLocations(routesDir.toAbsolutePath()));
        Map<String, String> environment = new HashMap<>(StandInDeployment.environment());
        environment.putAll(routeVariables.placeholderEnvironment());
        Settings.toProperties(environment, routeVariables).forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.main.routes-include-pattern",
                "file:" + routesDir.toAbsolutePath() + "/*.yaml");
        // the contracts beside the routes checked, not the ones of the working directory
        main.addOverrideProperty("orders.routes-dir", routesDir.toAbsolutePath().toString());
        main.addOverrideProperty("camel.main.autoStartup", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        // each step keeps its file and line, for the problems found in it
        main.addOverrideProperty("camel.main.sourceLocationEnabled", "true");
        // the result must not depend on the engineer's shell: a property is set by the folder, or it is unset
        main.addOverrideProperty("camel.component.properties.environmentVariableMode",
                String.valueOf(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER));
        try {
            SourceLines lines = new SourceLines(files);
            try {
                // loads the routes into Camel's model and binds the beans; no route is created yet
                main.init();
            } catch (Exception e) {
                // an unset placeholder in a bean's properties fails the load: named where it is written
                Matcher unset = UNSET.matcher(OneLine.of(e));
                List<Problem> written = unset.find() && main.getCamelContext() != null
                        ? LoadedRoutesCheck.placeholders(main.getCamelContext(), routesDir, lines).stream()
                                .filter(p -> p.message().startsWith("unset property " + unset.group(1) + ":")).toList()
                        : List.of();
                return written.isEmpty() ? List.of(problemFrom(e, routesDir, files)) : written;
            }
            List<Problem> problems = LoadedRoutesCheck.check(main.getCamelContext(), routesDir, lines);
            if (!problems.isEmpty()) {
                return problems;
            }
            try {
                // initialising the context creates every route (endpoints are resolved); starting it would start
                // endpoints, and aws2-s3 calls S3 when it starts
                main.getCamelContext().init();
            } catch (Exception e) {
                return List.of(problemFrom(e, routesDir, files));
            }
            return List.of();
        } finally {
            try {
                main.stop();
            } catch (Exception ignored) {
                // nothing was started
            }
        }
    }

    /**
     * A failure to load or create the routes, as one line: the innermost message, at the tunable it names (its line
     * in orders.properties), else at the contract it names, else at the route or bean whose id it names.
     */
    private static Problem problemFrom(Exception e, Path routesDir, List<Path> files) {
        String message = OneLine.of(e);
        String all = rootMessage(e);
        Path tunables = routesDir.resolve(RouteTunables.FILE_NAME);
        if (Files.isRegularFile(tunables)) {
            List<String> lines = readLines(tunables);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0 && message.contains(line.substring(0, equals).trim())) {
                    return new Problem(tunables.toString(), i + 1, message);
                }
            }
        }
        for (Path contract : contractFiles(routesDir)) {
            if (all.contains(contract.toAbsolutePath().toString())) {
                return new Problem(contract.toString(), 0, message);
            }
        }
        Optional<Problem> atKey = misspeltKey(all, files);
        if (atKey.isPresent()) {
            return atKey.get();
        }
        for (Path file : files) {
            String text = read(file);
            Node tree = compose(text);
            for (Map.Entry<String, Integer> route : routeIds(tree).entrySet()) {
                if (all.contains(route.getKey())) {
                    return new Problem(file.toString(), route.getValue(), message);
                }
            }
        }
        return new Problem(files.get(0).getParent().toString(), 0, message);
    }

    /** Camel's words for an endpoint option or a bean property it does not know, which it names with the whole URI. */
    private static final Pattern UNKNOWN_OPTIONS = Pattern.compile("Unknown parameters=\\[\\{(.*?)}]");
    private static final Pattern ENDPOINT = Pattern.compile("Failed to resolve endpoint: ([a-z0-9-]+):");
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Error binding property \\(([A-Za-z0-9_$.-]+)=");

    /** An endpoint option or bean property Camel does not know, at the line that writes it, without the long URI. */
    private static Optional<Problem> misspeltKey(String message, List<Path> files) {
        Matcher options = UNKNOWN_OPTIONS.matcher(message);
        Matcher property = UNKNOWN_PROPERTY.matcher(message);
        String key;
        String problem;
        if (options.find()) {
            key = options.group(1).split("=", 2)[0];
            Matcher endpoint = ENDPOINT.matcher(message);
            problem = "unknown option " + key + " of endpoint " + (endpoint.find() ? endpoint.group(1) : "")
                    + ": not one of the component's options (misspelt?)";
        } else if (property.find()) {
            key = property.group(1);
            problem = "unknown property " + key + ": the bean has no such property (misspelt?)";
        } else {
            return Optional.empty();
        }
        Pattern written = Pattern.compile("^\\s*(- )?" + Pattern.quote(key) + ":");
        for (Path file : files) {
            List<String> lines = readLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (written.matcher(lines.get(i)).find()) {
                    return Optional.of(new Problem(file.toString(), i + 1, problem));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * SnakeYAML's message without its excerpts: what it was parsing and what it found, e.g. {@code while parsing a
     * block mapping; expected <block end>, but found '-'} (the excerpt lines are indented, the line is in the problem).
     */
    private static String oneLine(String yamlMessage) {
        return String.join("; ", String.valueOf(yamlMessage).lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList());
    }

    private static String rootMessage(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause.getMessage());
        }
        return text.toString();
    }

    /** Route and route configuration ids, and bean names, with the line they start on. */
    private static Map<String, Integer> routeIds(Node tree) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        if (tree instanceof SequenceNode sequence) {
            for (Node element : sequence.getValue()) {
                for (String kind : List.of("route", "routeConfiguration")) {
                    child(element, kind).flatMap(route -> child(route, "id"))
                            .filter(id -> id instanceof ScalarNode)
                            .ifPresent(id -> ids.put(((ScalarNode) id).getValue(), line(element)));
                }
                child(element, "beans").filter(beans -> beans instanceof SequenceNode).ifPresent(beans -> {
                    for (Node bean : ((SequenceNode) beans).getValue()) {
                        child(bean, "name").filter(name -> name instanceof ScalarNode)
                                .ifPresent(name -> ids.put(" " + ((ScalarNode) name).getValue() + ":", line(bean)));
                    }
                });
            }
        }
        return ids;
    }

    private static boolean isPlaceholder(JsonNode document, JsonNodePath path) {
        JsonNode node = document;
        for (int i = 0; node != null && i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return node != null && node.isTextual() && node.textValue().contains("{{");
    }

    private static int lineOf(Node tree, JsonNodePath path) {
        Node node = tree;
        int line = tree == null ? 0 : line(tree);
        for (int i = 0; node != null && i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            Optional<Node> next = element instanceof Integer index && node instanceof SequenceNode sequence
                    ? Optional.ofNullable(index < sequence.getValue().size() ? sequence.getValue().get(index) : null)
                    : child(node, String.valueOf(element));
            node = next.orElse(null);
            if (node != null) {
                line = line(node);
            }
        }
        return line;
    }

    private static Optional<Node> child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return Optional.of(tuple.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private static Node compose(String text) {
        LoadSettings settings = LoadSettings.builder().build();
        return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode()
                .orElse(null);
    }

    private static JsonSchema schema() {
        try (InputStream in = RouteCheck.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing: camel-yaml-dsl is not on the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // the routes' environment declaration is no route: it is checked by RouteVariables
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals(RouteVariables.FILE_NAME)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> contractFiles(Path routesDir) {
        Path folder = routesDir.resolve("contracts");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
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

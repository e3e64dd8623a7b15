package com.orderrouter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.orderrouter.testing.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No drift: the environment the ECS task definition sets (terraform/main.tf) is the one the service reads, the
 * platform's settings and the variables the routes declare (routes/environment.yaml).
 */
class TerraformEnvironmentTest {

    private static final Pattern KEY = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)\\s*=", Pattern.MULTILINE);

    @Test
    void taskDefinitionSetsExactlyThePlatformSettingsTheServiceReads() throws IOException {
        Set<String> taskEnvironment = taskDefinitionEnvironment("platform_environment", mainTf());
        Set<String> settings = Arrays.stream(Setting.values()).map(Setting::name).collect(Collectors.toSet());
        // what production deliberately leaves to defaults: the image's routes folder, no dev-mode reload, no
        // endpoint overrides, no trace collector unless one is added, no Camel CLI connector (local troubleshooting)
        Set<String> notInProduction = settings.stream()
                .filter(name -> name.startsWith("ROUTES_") || name.startsWith("AWS_ENDPOINT_URL")
                        || name.startsWith("OTEL_") || name.startsWith("CAMEL_CLI_"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(taskEnvironment).isNotEmpty().isSubsetOf(settings);
        assertThat(taskEnvironment).containsExactlyInAnyOrderElementsOf(settings.stream()
                .filter(name -> !notInProduction.contains(name)).toList());
        assertThat(Arrays.stream(Setting.values()).filter(Setting::required).map(Setting::name))
                .allMatch(taskEnvironment::contains);
        assertThat(mainTf()).as("the container gets both lists")
                .contains("service_environment = merge(local.platform_environment, local.route_environment)");
    }

    @Test
    void taskDefinitionSetsExactlyTheVariablesTheRoutesDeclare() throws IOException {
        assertThat(taskDefinitionEnvironment("route_environment", mainTf()))
                .containsExactlyInAnyOrderElementsOf(declaredNames(Path.of("routes")));
    }

    @Test
    void aDeclaredVariableMissingFromTheTaskDefinitionIsDrift(@TempDir Path routes) throws IOException {
        Files.writeString(routes.resolve(RouteVariables.FILE_NAME), Environments.REFUNDS_QUEUE_DECLARED);

        // main.tf with no route variable, then with the declared one, whatever the project's routes declare
        assertThat(taskDefinitionEnvironment("route_environment", mainTfWithRouteEnvironment("")))
                .doesNotContainAnyElementsOf(declaredNames(routes));
        assertThat(taskDefinitionEnvironment("route_environment", mainTfWithRouteEnvironment(
                "\n    REFUNDS_QUEUE_URL = var.route_environment[\"REFUNDS_QUEUE_URL\"]\n  ")))
                .containsExactlyInAnyOrderElementsOf(declaredNames(routes));
    }

    private static Set<String> declaredNames(Path routes) {
        return RouteVariables.read(routes).all().stream().map(RouteVariable::name).collect(Collectors.toSet());
    }

    private static String mainTf() throws IOException {
        return Files.readString(Path.of("terraform/main.tf"));
    }

    /** main.tf, its comments left out, with {@code route_environment = {ENTRIES}}. */
    private static String mainTfWithRouteEnvironment(String entries) throws IOException {
        Matcher block = localMap("route_environment").matcher(withoutComments(mainTf()));
        assertThat(block.find()).as("local.route_environment in terraform/main.tf").isTrue();
        return block.replaceFirst(Matcher.quoteReplacement("\n  route_environment = {" + entries + "}"));
    }

    /** The names a local map of main.tf sets, its comments left out. */
    private static Set<String> taskDefinitionEnvironment(String local, String mainTf) {
        Matcher block = localMap(local).matcher(withoutComments(mainTf));
        assertThat(block.find()).as("local." + local + " in terraform/main.tf").isTrue();
        Set<String> keys = new TreeSet<>();
        Matcher key = KEY.matcher(block.group(1));
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    private static Pattern localMap(String local) {
        return Pattern.compile("\\n\\s*" + local + "\\s*=\\s*\\{(.*?)}", Pattern.DOTALL);
    }

    private static String withoutComments(String mainTf) {
        return mainTf.replaceAll("(?m)^\\s*#.*$", "");
    }
}

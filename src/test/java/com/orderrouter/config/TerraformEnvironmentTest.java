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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No drift: the environment the ECS task definition sets (terraform/main.tf) is the one the service reads. */
class TerraformEnvironmentTest {

    private static final Pattern BLOCK = Pattern.compile("service_environment\\s*=\\s*\\{(.*?)\\n\\s*}", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)\\s*=", Pattern.MULTILINE);

    @Test
    void taskDefinitionSetsExactlyTheSettingsTheServiceReads() throws IOException {
        Set<String> taskEnvironment = taskDefinitionEnvironment();
        Set<String> settings = Arrays.stream(Setting.values()).map(Setting::name).collect(Collectors.toSet());
        // what production deliberately leaves to defaults: the image's routes folder, no dev-mode reload, no
        // endpoint overrides, no trace collector unless one is added
        Set<String> notInProduction = settings.stream()
                .filter(name -> name.startsWith("ROUTES_") || name.startsWith("AWS_ENDPOINT_URL")
                        || name.startsWith("OTEL_"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(taskEnvironment).isNotEmpty().isSubsetOf(settings);
        assertThat(taskEnvironment).containsExactlyInAnyOrderElementsOf(settings.stream()
                .filter(name -> !notInProduction.contains(name)).toList());
        assertThat(Arrays.stream(Setting.values()).filter(Setting::required).map(Setting::name))
                .allMatch(taskEnvironment::contains);
    }

    private static Set<String> taskDefinitionEnvironment() throws IOException {
        Matcher block = BLOCK.matcher(Files.readString(Path.of("terraform/main.tf")));
        assertThat(block.find()).as("local.service_environment in terraform/main.tf").isTrue();
        Set<String> keys = new TreeSet<>();
        Matcher key = KEY.matcher(block.group(1));
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }
}

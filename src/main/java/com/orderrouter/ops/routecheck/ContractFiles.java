package com.orderrouter.ops.routecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.orderrouter.ops.RouteCheck.Problem;

/**
 * The event contracts beside the routes ({@code contracts/**}{@code /*.json}) parse as JSON, each problem with the
 * line and column Jackson stopped at. The service reads them when it starts and stops at the first that does not
 * parse, naming the file only; this names every one, where it breaks, and what parses but cannot be meant
 * ({@link ContractKeywords}).
 */
public final class ContractFiles {

    /** As strict as the service's reader (a duplicate key or trailing text is an error there too). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ContractFiles() {
    }

    public static List<Problem> check(Path routesDir) {
        Path folder = routesDir.resolve("contracts");
        if (!Files.isDirectory(folder)) {
            return List.of(); // the load names a missing folder, as start-up does
        }
        List<Problem> problems = new ArrayList<>();
        for (Path file : jsonFiles(folder)) {
            try {
                String text = Files.readString(file);
                for (Map.Entry<Integer, String> problem : ContractKeywords.check(JSON, text, JSON.readTree(text))) {
                    problems.add(new Problem(file.toString(), problem.getKey(), problem.getValue()));
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                problems.add(new Problem(file.toString(), at == null ? 0 : at.getLineNr(),
                        at == null ? 0 : at.getColumnNr(), "not valid JSON: " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                problems.add(new Problem(file.toString(), 0, OneLine.of(e)));
            }
        }
        return problems;
    }

    private static List<Path> jsonFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

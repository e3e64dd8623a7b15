package com.orderrouter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.orderrouter.config.RouteTunables;

/** The routes folder as an engineer would copy it: route files, contracts and all. */
public final class RouteFiles {

    /** The routes' tunables as a Camel property location, from the project's routes/ (the working directory). */
    public static final String TUNABLES = "file:routes/" + RouteTunables.FILE_NAME;

    private RouteFiles() {
    }

    /** Copies the folder {@code from} with everything in it into {@code to} (created). */
    public static Path copy(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.walk(from)) {
            all = files.toList();
        }
        for (Path file : all) {
            Path target = to.resolve(from.relativize(file).toString());
            if (Files.isDirectory(file)) {
                Files.createDirectories(target);
            } else {
                Files.copy(file, target);
            }
        }
        return to;
    }

    /** Deletes {@code folder} with everything in it, if it exists. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> files = Files.walk(folder)) {
            all = files.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path file : all) {
            Files.delete(file);
        }
    }
}

package com.orderrouter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The documentation the checks cover: README.md and every Markdown file under docs/. */
final class DocumentationFiles {

    private DocumentationFiles() {
    }

    static List<MarkdownFile> in(Path repository) {
        List<MarkdownFile> files = new ArrayList<>();
        files.add(MarkdownFile.read(repository.resolve("README.md")));
        Path docs = repository.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> paths = Files.walk(docs)) {
                paths.filter(path -> path.toString().endsWith(".md")).sorted().map(MarkdownFile::read)
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}

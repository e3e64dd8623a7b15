package com.orderrouter.ops.routecheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields an event type's contract declares ({@code properties}, at any depth), for holding a DynamoDB write's
 * templates against it: a template that names a field the contract does not declare finds nothing at run time and
 * silently leaves its attribute out. The envelope every event shares ({@code contracts/shared/event.schema.json})
 * declares the top-level fields; {@code $ref}s are followed, within a file and into another.
 */
final class ContractFields {

    static final String ENVELOPE = "shared/event.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Map<Path, Optional<JsonNode>> files = new HashMap<>();

    /** @param folder the contracts folder ({@code ROUTES_DIR/contracts}) */
    ContractFields(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * @param type  the event type (its contract is {@code <type>.schema.json})
     * @param field a template's field path, e.g. {@code [data, total]}
     * @return empty when the contract declares the field, or declares no fields at a level on its way (no
     *         {@code properties}: any field goes); else what it declares where the path leaves it: {@code data
     *         declares order_id, total}
     */
    Optional<String> undeclared(String type, List<String> field) {
        List<Schema> top = new ArrayList<>();
        file(folder.resolve(ENVELOPE)).ifPresent(envelope -> top.add(new Schema(folder.resolve(ENVELOPE), envelope)));
        Path contract = folder.resolve(type + ".schema.json");
        file(contract).ifPresent(schema -> top.add(new Schema(contract, schema)));
        List<Schema> level = top;
        if (level.isEmpty()) {
            return Optional.empty(); // no contract to judge by (one that does not parse is reported as such)
        }
        for (int depth = 0; depth < field.size(); depth++) {
            String name = field.get(depth);
            List<Schema> next = new ArrayList<>();
            List<String> declared = new ArrayList<>();
            for (Schema schema : level) {
                Schema resolved = resolve(schema);
                JsonNode properties = resolved.node().get("properties");
                if (properties == null || !properties.isObject()) {
                    continue;
                }
                properties.fieldNames().forEachRemaining(declared::add);
                if (properties.has(name)) {
                    next.add(new Schema(resolved.file(), properties.get(name)));
                }
            }
            if (next.isEmpty()) {
                // judged by the schemas that declare fields here; none does: any field goes
                String where = depth == 0 ? "the event" : String.join(".", field.subList(0, depth));
                return declared.isEmpty() ? Optional.empty()
                        : Optional.of(where + " declares " + String.join(", ", declared.stream().distinct().toList()));
            }
            level = next;
        }
        return Optional.empty();
    }

    /** A schema node and the file it is in (a relative {@code $ref} is relative to that file). */
    private record Schema(Path file, JsonNode node) {
    }

    private Schema resolve(Schema schema) {
        Schema at = schema;
        for (int depth = 0; depth < 16 && at.node().hasNonNull("$ref"); depth++) {
            String ref = at.node().get("$ref").asText();
            int hash = ref.indexOf('#');
            Path file = hash == 0 ? at.file() : at.file().resolveSibling(hash < 0 ? ref : ref.substring(0, hash))
                    .normalize();
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            Optional<JsonNode> target = file(file).map(root -> root.at(pointer));
            if (target.isEmpty() || target.get().isMissingNode()) {
                break;
            }
            at = new Schema(file, target.get());
        }
        return at;
    }

    private Optional<JsonNode> file(Path file) {
        return files.computeIfAbsent(file.toAbsolutePath().normalize(), path -> {
            try {
                return Optional.of(JSON.readTree(Files.readString(path)));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}

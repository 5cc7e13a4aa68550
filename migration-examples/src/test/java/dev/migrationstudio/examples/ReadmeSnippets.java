package dev.migrationstudio.examples;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Extracts the code regions the README shows, so tests can check the README against compiled code. */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /** The lines between {@code // snippet:start NAME} and {@code // snippet:end NAME}, de-indented. */
    static String region(String source, String name) {
        List<String> lines = Arrays.asList(source.split("\n", -1));
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("// snippet:start " + name)) {
                start = i + 1;
            } else if (lines.get(i).strip().equals("// snippet:end " + name)) {
                end = i;
            }
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no snippet region '" + name + "'");
        }
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}

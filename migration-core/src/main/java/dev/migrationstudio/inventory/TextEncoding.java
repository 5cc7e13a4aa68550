package dev.migrationstudio.inventory;

import dev.migrationstudio.Names;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The character set and collation of a character column, as MySQL and MariaDB declare them per
 * column. They decide what a column can hold (a 3-byte {@code utf8mb3} column holds no emoji) and
 * which values its unique keys treat as equal: under a {@code _ci} collation {@code 'Ada'} equals
 * {@code 'ada'}, and under a PAD SPACE collation (every MariaDB collation but the {@code _nopad_} ones,
 * {@code _bin} included) {@code 'ada '} equals {@code 'ada'}. PostgreSQL compares neither way.
 *
 * <pre>{@code
 * TextEncoding latin = new TextEncoding("utf8mb3", "utf8mb3_general_ci");
 * latin.holdsSupplementaryCharacters();   // false: 4-byte characters are refused
 * latin.caseInsensitive();                // true
 * }</pre>
 *
 * @param characterSet the character set, e.g. {@code utf8mb4}
 * @param collation the collation, e.g. {@code utf8mb4_unicode_ci}
 */
public record TextEncoding(String characterSet, String collation) {

    /**
     * Validates the names.
     *
     * @param characterSet the character set, e.g. {@code utf8mb4}
     * @param collation the collation, e.g. {@code utf8mb4_unicode_ci}
     */
    public TextEncoding {
        Names.requireName(characterSet, "character set");
        Names.requireName(collation, "collation");
    }

    /**
     * The most bytes one character takes, when the character set is one this knows: 1 for
     * {@code latin1} and {@code ascii}, 2 for {@code ucs2}, 3 for {@code utf8mb3} (and MySQL's old
     * {@code utf8}), 4 for {@code utf8mb4}, {@code utf16} and {@code utf32}.
     *
     * @return the bytes; empty for a character set not known
     */
    public OptionalInt maxBytesPerCharacter() {
        switch (characterSet.toLowerCase(Locale.ROOT)) {
            case "latin1": case "latin2": case "latin5": case "latin7": case "ascii": case "cp1250": case "cp1251":
            case "cp1252": case "cp1256": case "cp1257": case "greek": case "hebrew": case "binary":
                return OptionalInt.of(1);
            case "ucs2":
                return OptionalInt.of(2);
            case "utf8": case "utf8mb3":
                return OptionalInt.of(3);
            case "utf8mb4": case "utf16": case "utf16le": case "utf32":
                return OptionalInt.of(4);
            default:
                return OptionalInt.empty();
        }
    }

    /**
     * Whether every Unicode character fits, those beyond the Basic Multilingual Plane (emoji, rarer CJK)
     * included: true for {@code utf8mb4}, {@code utf16} and {@code utf32}; a {@code utf8mb3} or
     * {@code ucs2} column refuses them, a single-byte one holds only its own alphabet.
     *
     * @return {@code true} if the character set holds every Unicode character
     */
    public boolean holdsSupplementaryCharacters() {
        return maxBytesPerCharacter().orElse(4) == 4;
    }

    /**
     * Whether the collation ignores case ({@code _ci}), so that a unique key treats {@code 'A'} and {@code 'a'} as
     * one.
     *
     * @return {@code true} for a case-insensitive collation
     */
    public boolean caseInsensitive() {
        String lower = collation.toLowerCase(Locale.ROOT);
        return lower.endsWith("_ci") || lower.contains("_ci_");
    }

    /**
     * Whether the collation ignores trailing spaces (PAD SPACE), so that a unique key treats
     * {@code 'a '} and {@code 'a'} as one: every MariaDB collation but the {@code _nopad_} ones, and
     * MySQL's before its {@code _0900_} collations.
     *
     * @return {@code true} for a PAD SPACE collation
     */
    public boolean ignoresTrailingSpaces() {
        String lower = collation.toLowerCase(Locale.ROOT);
        return !lower.contains("nopad") && !lower.contains("_0900_") && !lower.equals("binary");
    }

    /**
     * The form in which two texts are equal exactly when this collation compares them as equal, as far as
     * case and trailing spaces go (accents and other folding are not modelled): trailing spaces removed
     * under PAD SPACE, lower-cased under {@code _ci}.
     *
     * @param text the text; not null
     * @return the comparable form
     */
    public String comparable(String text) {
        String kept = ignoresTrailingSpaces() ? text.replaceAll(" +$", "") : text;
        return caseInsensitive() ? kept.toLowerCase(Locale.ROOT) : kept;
    }

    /** E.g. {@code utf8mb4 / utf8mb4_bin}. */
    @Override
    public String toString() {
        return characterSet + " / " + collation;
    }
}

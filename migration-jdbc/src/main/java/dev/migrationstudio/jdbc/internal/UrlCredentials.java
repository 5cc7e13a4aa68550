package dev.migrationstudio.jdbc.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The credentials written inside a JDBC URL, found once for both uses: taken out of the URL (so a pool
 * gets them as properties and never logs them) and masked in it (for messages).
 *
 * <p>The forms found: a {@code password=} or {@code pwd=} parameter, case-insensitive, after {@code ?}
 * or {@code &} (its value runs to the next {@code &}, so a {@code ;} is part of it; it is URL-decoded,
 * as PostgreSQL's driver does) or after {@code ;} (H2, SQL Server: its value runs to the next {@code ;},
 * or is a SQL Server {@code {...}} block in which {@code }}} stands for {@code }}); a
 * {@code //user:password@host} authority; and Oracle's {@code jdbc:oracle:thin:user/password@host}.
 * In the last two the password runs to the last {@code @} before any {@code ?}, so it may hold
 * {@code /} or {@code :}.
 *
 * @param url the URL without the password (and without the user of the authority and Oracle forms)
 * @param user the user the URL named in an authority or Oracle form
 * @param password the password the URL held
 */
public record UrlCredentials(String url, Optional<String> user, Optional<String> password) {

    private record Span(int start, int end, int valueStart, int valueEnd, String value, Optional<String> user) {
    }

    /** Shows the URL and the user, never the password: a record's generated text would print it. */
    @Override
    public String toString() {
        return "UrlCredentials[url=" + url + ", user=" + user.orElse("") + ", password="
                + (password.isPresent() ? "***" : "none") + "]";
    }

    /** Splits the credentials out of a JDBC URL. */
    public static UrlCredentials split(String jdbcUrl) {
        List<Span> spans = spans(jdbcUrl);
        StringBuilder url = new StringBuilder();
        int at = 0;
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        for (Span span : spans) {
            url.append(jdbcUrl, at, span.start());
            at = span.end();
            password = Optional.of(span.value());
            user = span.user().isPresent() ? span.user() : user;
        }
        url.append(jdbcUrl.substring(at));
        return new UrlCredentials(fixSeparators(url.toString()), user, password);
    }

    /** The URL with every password replaced by {@code ***}. */
    public static String redact(String jdbcUrl) {
        StringBuilder url = new StringBuilder();
        int at = 0;
        for (Span span : spans(jdbcUrl)) {
            url.append(jdbcUrl, at, span.valueStart()).append("***");
            at = span.valueEnd();
        }
        return url.append(jdbcUrl.substring(at)).toString();
    }

    /** A removed first {@code ?name=value} leaves {@code ?&next} or {@code ?} at the end: tidy it. */
    private static String fixSeparators(String url) {
        String tidy = url.replace("?&", "?");
        return tidy.endsWith("?") ? tidy.substring(0, tidy.length() - 1) : tidy;
    }

    private static List<Span> spans(String url) {
        List<Span> spans = new ArrayList<>();
        int query = url.indexOf('?');
        int authorityEnd = url.lastIndexOf('@', query < 0 ? url.length() - 1 : query);
        int parametersFrom = 0;
        if (authorityEnd > 0) {
            String lower = url.toLowerCase(Locale.ROOT);
            int slashes = url.indexOf("//");
            if (lower.startsWith("jdbc:oracle:") && (slashes < 0 || slashes > authorityEnd)) {
                // jdbc:oracle:thin:user/password@host: the user follows the third colon.
                int userStart = nthIndexOf(url, ':', 3) + 1;
                int slash = url.indexOf('/', userStart);
                if (userStart > 0 && slash > userStart && slash < authorityEnd
                        && url.lastIndexOf(';', authorityEnd) < userStart) {
                    spans.add(new Span(userStart, authorityEnd, slash + 1, authorityEnd,
                            url.substring(slash + 1, authorityEnd), Optional.of(url.substring(userStart, slash))));
                }
            } else if (slashes >= 0 && slashes < authorityEnd) {
                int userStart = slashes + 2;
                int colon = url.indexOf(':', userStart);
                // An '@' after a ';' is in a parameter (H2's tcp://host:9092/db;PASSWORD=a@b), not an authority.
                if (colon > userStart && colon < authorityEnd && url.lastIndexOf(';', authorityEnd) < userStart) {
                    spans.add(new Span(userStart, authorityEnd + 1, colon + 1, authorityEnd,
                            decode(url.substring(colon + 1, authorityEnd)),
                            Optional.of(decode(url.substring(userStart, colon)))));
                }
            }
            if (!spans.isEmpty()) {
                parametersFrom = authorityEnd + 1;
            }
        }
        int i = parametersFrom;
        while (i < url.length()) {
            char c = url.charAt(i);
            if (c == '?' || c == '&' || c == ';') {
                Span span = parameter(url, i);
                if (span != null) {
                    spans.add(span);
                    i = span.end();
                    continue;
                }
            }
            i++;
        }
        return spans;
    }

    /** The password parameter introduced by the separator at {@code at}, or null. */
    private static Span parameter(String url, int at) {
        char separator = url.charAt(at);
        int nameStart = at + 1;
        int equals = url.indexOf('=', nameStart);
        if (equals < 0) {
            return null;
        }
        String name = url.substring(nameStart, equals).trim().toLowerCase(Locale.ROOT);
        if (!name.equals("password") && !name.equals("pwd")) {
            return null;
        }
        int valueStart = equals + 1;
        // The removed part: the parameter and its leading separator, except a '?', which the next one needs.
        int start = separator == '?' ? nameStart : at;
        if (separator == ';' && valueStart < url.length() && url.charAt(valueStart) == '{') {
            int j = valueStart + 1;
            StringBuilder value = new StringBuilder();
            while (j < url.length()) {
                if (url.charAt(j) == '}') {
                    if (j + 1 < url.length() && url.charAt(j + 1) == '}') {
                        value.append('}');
                        j += 2;
                        continue;
                    }
                    break;
                }
                value.append(url.charAt(j++));
            }
            int valueEnd = Math.min(j + 1, url.length());
            return new Span(start, valueEnd, valueStart, valueEnd, value.toString(), Optional.empty());
        }
        int valueEnd = url.indexOf(separator == ';' ? ';' : '&', valueStart);
        valueEnd = valueEnd < 0 ? url.length() : valueEnd;
        String value = url.substring(valueStart, valueEnd);
        return new Span(start, valueEnd, valueStart, valueEnd, separator == ';' ? value : decode(value),
                Optional.empty());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return text;
        }
    }

    private static int nthIndexOf(String text, char c, int n) {
        int at = -1;
        for (int k = 0; k < n; k++) {
            at = text.indexOf(c, at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }
}

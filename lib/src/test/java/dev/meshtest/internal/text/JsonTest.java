package dev.meshtest.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static String quoted(String s) {
        return Json.compact().value(s).toString();
    }

    @Test
    @DisplayName("quotes, backslashes and control characters are escaped; other characters are kept as they are")
    void escapes() {
        assertThat(quoted("say \"hi\"\\")).isEqualTo("\"say \\\"hi\\\"\\\\\"");
        assertThat(quoted("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(quoted("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
        assertThat(quoted("h\u00e9llo \u4e16\u754c / <a&b>")).isEqualTo("\"h\u00e9llo \u4e16\u754c / <a&b>\"");
        // JavaScript's line terminators, which a JSON string may hold but a script may not.
        assertThat(quoted("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    }

    @Test
    @DisplayName("a character outside the BMP is kept whole; a lone surrogate, which UTF-8 cannot carry, is escaped")
    void surrogates() {
        assertThat(quoted("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
        assertThat(quoted("a\ud83db")).isEqualTo("\"a\\ud83db\"");
        assertThat(quoted("\ude00\ud83d")).isEqualTo("\"\\ude00\\ud83d\"");
        assertThat(JsonParser.parse(quoted("a\ud83db\ude00"))).isEqualTo("a\ud83db\ude00");
    }

    @Test
    @DisplayName("Go's mode escapes <, > and & as istioctl does, and indents by tabs")
    void go() {
        String s = Json.go().beginArray().beginObject().name("reference").value("<string>:7 & more").endObject().endArray()
                .toString();
        assertThat(s).isEqualTo("[\n\t{\n\t\t\"reference\": \"\\u003cstring\\u003e:7 \\u0026 more\"\n\t}\n]");
        assertThat(Json.go().beginArray().endArray().toString()).isEqualTo("[]");
    }

    @Test
    @DisplayName("pretty: a member per line, two spaces; empty arrays and objects on one line; compact: no spaces")
    void layout() {
        assertThat(Json.pretty().beginObject().name("a").value(1).name("b").beginArray().value(true).nullValue().endArray()
                .name("c").beginObject().endObject().name("d").beginArray().endArray().endObject().toString())
                .isEqualTo("""
                        {
                          "a": 1,
                          "b": [
                            true,
                            null
                          ],
                          "c": {},
                          "d": []
                        }""");
        assertThat(Json.compact().beginObject().name("a").value(1).name("b").beginArray().value("x").value(2.5).endArray()
                .endObject().toString()).isEqualTo("{\"a\":1,\"b\":[\"x\",2.5]}");
        assertThat(Json.compact().value(7).toString()).isEqualTo("7");
    }

    @Test
    @DisplayName("maps keep their own iteration order: a sorted map gives sorted keys")
    void maps() {
        Map<String, String> m = new TreeMap<>(Map.of("b", "2", "a", "1"));
        assertThat(Json.compact().stringMap(m).toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        assertThat(Json.compact().countMap(new TreeMap<>(Map.of(503, 2L, 200, 7L))).toString())
                .isEqualTo("{\"200\":7,\"503\":2}");
    }

    @Test
    @DisplayName("numbers: no locale's digits or separators, doubles read back to the same double, non-finite as null")
    void numbers() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertThat(Json.compact().beginArray().value(1234567L).value(-0.5).value(1e-7).value(Long.MIN_VALUE)
                    .value(Double.NaN).value(Double.POSITIVE_INFINITY).endArray().toString())
                    .isEqualTo("[1234567,-0.5,1.0E-7,-9223372036854775808,null,null]");
            Locale.setDefault(Locale.GERMANY);
            assertThat(Json.compact().value(0.1).toString()).isEqualTo("0.1");
        } finally {
            Locale.setDefault(before);
        }
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 10_000; i++) {
            double d = i % 2 == 0 ? random.nextDouble() : Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            Object back = JsonParser.parse(Json.compact().value(d).toString());
            assertThat(((Number) back).doubleValue()).isEqualTo(d);
        }
    }

    @Test
    @DisplayName("random strings of any characters read back equal")
    void stringsRoundTrip() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(20);
            for (int k = 0; k < n; k++) {
                sb.append(random.nextBoolean() ? (char) random.nextInt(0x80) : (char) random.nextInt(0x10000));
            }
            String s = sb.toString();
            String doc = Json.pretty().beginObject().name(s).value(s).endObject().toString();
            assertThat(JsonParser.parse(doc)).isEqualTo(Map.of(s, s));
            assertThat(doc.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        }
    }

    @Test
    @DisplayName("misuse is refused: a value without a name, a name in an array, a document left open or written twice")
    void misuse() {
        assertThatThrownBy(() -> Json.compact().beginObject().value(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Json.compact().beginArray().name("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Json.compact().beginArray().endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Json.compact().beginObject().name("a").endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Json.compact().beginArray().toString()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Json.compact().toString()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Json.compact().value(1).value(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Json.compact().beginArray().endArray().beginArray()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the test parser refuses what is not JSON, so the tests that use it can fail")
    void parserIsStrict() {
        for (String bad : List.of("{\"a\":1,}", "[1,]", "\"a\nb\"", "01", "{\"a\":1,\"a\":2}", "[1] x", "'a'", "\"\\x41\"", "1.")) {
            assertThatThrownBy(() -> JsonParser.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(JsonParser.parse(" {\"a\": [1, 2.5, \"\\u00e9\\/\", true, false, null]} "))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, "\u00e9/", true, false, null)));
    }
}

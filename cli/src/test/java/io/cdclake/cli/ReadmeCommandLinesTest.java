package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cdclake.commandline.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code ./cdc-lake ...} line the README and the manual under docs/ show, in code blocks and
 * inline code, parses with the command tree that {@link Main} runs, and names the subcommand it
 * shows; a bare command name in prose must be a command. Only parsed: most commands need running
 * services. Also: the README's command table and the script's first comment list exactly the
 * commands there are.
 */
class ReadmeCommandLinesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SCRIPT = Path.of("..", "cdc-lake");
    private static final Pattern INLINE = Pattern.compile("`(\\./cdc-lake(?: [^`]*)?)`");

    /**
     * Placeholders the README writes where any command goes, and the command the test puts there.
     */
    private static final Map<String, String> PLACEHOLDERS =
            Map.of("<command>", "status", "COMMAND", "status");

    @Test
    void everyCommandLineInTheReadmeAndTheManualParses() throws IOException {
        List<String> lines = new ArrayList<>(commandLines(Files.readString(README)));
        assertThat(lines).as("command lines found in the README").hasSizeGreaterThan(15);
        for (Path page : DocumentationLinksTest.pages()) {
            if (!page.equals(README)) {
                lines.addAll(commandLines(Files.readString(page)));
            }
        }
        Set<String> shown = new TreeSet<>();
        for (String line : lines) {
            String[] args =
                    words(line).stream()
                            .skip(1)
                            .map(word -> PLACEHOLDERS.getOrDefault(word, word))
                            .toArray(String[]::new);
            if (args.length == 0) {
                continue; // the program's name in prose
            }
            if (args.length == 1 && !args[0].startsWith("-")) {
                // Prose naming a command, such as `./cdc-lake verify` replays ...: the command must
                // exist.
                assertThat(subcommands()).as(line).contains(args[0]);
                shown.add(args[0]);
                continue;
            }
            ParseResult result;
            try {
                result = commandLine().parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(
                        "the documentation shows a command line that does not parse: "
                                + line
                                + "\n  "
                                + e.getMessage(),
                        e);
            }
            if (args[0].startsWith("-")) {
                assertThat(result.isUsageHelpRequested() || result.isVersionHelpRequested())
                        .as(line + ": help or version")
                        .isTrue();
                continue;
            }
            assertThat(result.subcommand()).as(line).isNotNull();
            assertThat(result.subcommand().commandSpec().name()).as(line).isEqualTo(args[0]);
            shown.add(args[0]);
        }
        assertThat(shown)
                .as("commands the README shows a command line of")
                .containsAll(subcommands());
    }

    @Test
    void theReadmesCommandTableListsEveryCommand() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("### The command line");
        int end = readme.indexOf("\n## ", start);
        assertThat(start).as("the README's section 'The command line'").isPositive();
        Set<String> listed = new TreeSet<>();
        Matcher row =
                Pattern.compile("(?m)^\\| `([a-z]+)` \\|").matcher(readme.substring(start, end));
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertThat(listed).isEqualTo(subcommands());
    }

    @Test
    void theScriptsFirstCommentListsEveryCommand() throws IOException {
        String comment = Files.readAllLines(SCRIPT).get(1);
        assertThat(comment).startsWith("# The cdc-lake command line: ./cdc-lake ");
        Set<String> listed =
                new TreeSet<>(
                        Arrays.asList(
                                comment.substring(
                                                "# The cdc-lake command line: ./cdc-lake ".length())
                                        .split("\\s*\\|\\s*")));
        assertThat(listed).isEqualTo(subcommands());
    }

    @Test
    void theTestFindsLinesInCodeBlocksAndInlineAndJoinsContinuations() {
        String text =
                String.join(
                        "\n",
                        "Run `./cdc-lake status` or `./cdc-lake demo --help`.",
                        "```",
                        "./cdc-lake verify --table t \\",
                        "    --lake s3://lake",
                        "echo not this",
                        "```",
                        "`./cdc-lake`");
        assertThat(commandLines(text))
                .containsExactly(
                        "./cdc-lake verify --table t --lake s3://lake",
                        "./cdc-lake status",
                        "./cdc-lake demo --help",
                        "./cdc-lake");
        assertThat(words("./cdc-lake register --set 'a=b c' --set \"d=e\""))
                .containsExactly("./cdc-lake", "register", "--set", "a=b c", "--set", "d=e");
    }

    private static Set<String> subcommands() {
        Set<String> names = new TreeSet<>(commandLine().getSubcommands().keySet());
        names.remove("help");
        return names;
    }

    private static CommandLine commandLine() {
        PrintStream discard =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Main.commandLine(new Terminal(discard, discard, Map.of()));
    }

    /**
     * Lines of fenced code blocks that start with ./cdc-lake (continuations joined), then inline
     * code spans.
     */
    static List<String> commandLines(String markdown) {
        Set<String> found = new LinkedHashSet<>();
        boolean inBlock = false;
        StringBuilder pending = null;
        for (String raw : markdown.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (pending == null && (line.equals("./cdc-lake") || line.startsWith("./cdc-lake "))) {
                pending = new StringBuilder();
            }
            if (pending != null) {
                boolean continues = line.endsWith("\\");
                pending.append(pending.length() > 0 ? " " : "")
                        .append(continues ? line.substring(0, line.length() - 1).strip() : line);
                if (!continues) {
                    found.add(pending.toString());
                    pending = null;
                }
            }
        }
        List<String> lines = new ArrayList<>(found);
        Matcher inline = INLINE.matcher(markdown);
        while (inline.find()) {
            if (!lines.contains(inline.group(1))) {
                lines.add(inline.group(1));
            }
        }
        return lines;
    }

    /** Splits as a shell would for the simple quoting a README uses. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            fail("unclosed quote in " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}

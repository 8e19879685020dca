package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is a door and the manual under docs/ is reachable from it: every relative link of
 * either leads to a file that exists and, with an anchor, to a heading of that file (named the way
 * GitHub names headings); every page of the manual is linked from the README, which stays short.
 */
class DocumentationLinksTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path DOCS = Path.of("..", "docs");
    private static final int README_MAX_LINES = 300;

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *#*$");

    /** The README and every Markdown page under docs/, README first. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            Matcher link = LINK.matcher(prose(Files.readString(page)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto: and the like
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(10);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyPageOfTheManualIsLinkedFromTheReadme() throws IOException {
        String readme = Files.readString(README);
        List<Path> manual = pages().subList(1, pages().size());
        assertThat(manual).as("pages under docs/").isNotEmpty();
        for (Path page : manual) {
            assertThat(readme).as("a link to " + page).contains("(docs/" + page.getFileName());
        }
    }

    @Test
    void theReadmeStaysShort() throws IOException {
        assertThat(Files.readAllLines(README)).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void headingsAreNamedAsGitHubNamesThem() {
        assertThat(slug("Is it running? `./cdc-lake status`"))
                .isEqualTo("is-it-running-cdc-lake-status");
        assertThat(slug("Operations: your own Flink cluster, docker compose, savepoints, scaling"))
                .isEqualTo("operations-your-own-flink-cluster-docker-compose-savepoints-scaling");
        assertThat(slug("Exactly once, and what you see when things fail"))
                .isEqualTo("exactly-once-and-what-you-see-when-things-fail");
    }

    /** The anchors of a page's headings; a repeated heading gets -1, -2, ... as on GitHub. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(prose(Files.readString(page)));
        while (heading.find()) {
            String slug = slug(heading.group(1));
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }

    static String slug(String heading) {
        return heading.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    /** The page without its fenced code blocks, whose lines are neither links nor headings. */
    private static String prose(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inBlock = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}

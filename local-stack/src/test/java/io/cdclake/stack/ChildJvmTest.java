package io.cdclake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    /** Run in the child: prints its arguments and an environment variable, then exits. */
    public static final class Echo {
        public static void main(String[] args) throws Exception {
            System.out.println("RESULT first");
            System.out.println("RESULT " + String.join(" ", args) + " " + System.getenv("ECHO"));
            if (args.length > 0 && args[0].equals("sleep")) {
                Thread.sleep(60_000);
            }
            System.exit(args.length > 0 && args[0].equals("fail") ? 7 : 0);
        }
    }

    private static ChildJvm.Builder echo(Path dir, String... args) {
        return ChildJvm.builder("echo", Echo.class.getName())
                .workDir(dir)
                .jvmOptions(List.of("-Xmx64m"))
                .environment(Map.of("ECHO", "from the environment"))
                .args(List.of(args));
    }

    @Test
    void runsTheMainClassWithItsArgumentsAndEnvironment(@TempDir Path dir) throws Exception {
        try (ChildJvm child = echo(dir, "a", "b").start()) {
            assertThat(child.awaitResult("RESULT ")).isEqualTo("a b from the environment");
            assertThat(child.output()).startsWith("RESULT first");
        }
    }

    @Test
    void aFailedExitIsAnErrorWithItsOutput(@TempDir Path dir) throws Exception {
        try (ChildJvm child = echo(dir, "fail").start()) {
            assertThatThrownBy(() -> child.awaitResult("RESULT "))
                    .hasMessageContaining("exited with 7")
                    .hasMessageContaining("RESULT fail from the environment");
        }
    }

    @Test
    void killEndsItAtOnce(@TempDir Path dir) throws Exception {
        ChildJvm child = echo(dir, "sleep").log(dir.resolve("sleep.log"), false).start();
        child.awaitOutput("RESULT sleep", Duration.ofSeconds(30));
        child.kill();
        assertThat(child.isAlive()).isFalse();
        assertThat(ProcessHandle.of(child.pid())).isEmpty();
    }
}

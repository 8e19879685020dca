package io.cdclake.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/** Waits for a local HTTP service to answer. */
final class HttpProbe {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpProbe() {}

    /**
     * Polls {@code url} until its status satisfies {@code accepted}.
     *
     * @param stillStarting false once the service has died, to fail fast instead of timing out
     */
    static void await(
            URI url, IntPredicate accepted, Duration timeout, BooleanSupplier stillStarting)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!stillStarting.getAsBoolean()) {
                throw new IOException(
                        "Service behind " + url + " stopped while starting (" + last + ")");
            }
            try {
                HttpResponse<Void> response =
                        CLIENT.send(
                                HttpRequest.newBuilder(url)
                                        .timeout(Duration.ofSeconds(5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (accepted.test(response.statusCode())) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + url, e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + url, e);
            }
        }
        throw new IOException(
                "No healthy answer from " + url + " within " + timeout + " (" + last + ")");
    }
}

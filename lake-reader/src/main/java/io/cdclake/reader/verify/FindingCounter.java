package io.cdclake.reader.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Counts occurrences of one kind of finding and keeps the first few examples. */
final class FindingCounter {

    private final int maxExamples;
    private final List<String> examples = new ArrayList<>();
    private long count;

    FindingCounter(int maxExamples) {
        this.maxExamples = maxExamples;
    }

    void add(Supplier<String> example) {
        count++;
        if (examples.size() < maxExamples) {
            examples.add(example.get());
        }
    }

    long count() {
        return count;
    }

    VerifyReport.Finding finding() {
        return new VerifyReport.Finding(count, examples);
    }
}

package io.cdclake.job.decode;

import io.cdclake.job.sink.Representability;
import io.cdclake.job.source.KafkaChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what one Kafka record becomes, before any writer sees a row of it: rows for the lake, a
 * dead letter with its reason (an event that cannot be decoded, or a value a lake format cannot
 * hold), or a skip. Nothing here reaches a writer, so every failure in here is about the input.
 */
public final class ChangeTriage {

    /** What a record becomes. */
    public enum Verdict {
        ROWS,
        DEAD_LETTER,
        TOMBSTONE,
        LOGICAL_MESSAGE,
        NOT_A_CHANGE
    }

    private final DebeziumDecoder decoder;
    private final List<LakeRow> rows = new ArrayList<>(2);
    private String reason;

    public ChangeTriage(DebeziumDecoder decoder) {
        this.decoder = decoder;
    }

    public DebeziumDecoder decoder() {
        return decoder;
    }

    /** The rows of the last record judged {@link Verdict#ROWS}; reused for the next record. */
    public List<LakeRow> rows() {
        return rows;
    }

    /** Why the last record judged {@link Verdict#DEAD_LETTER} is one. */
    public String reason() {
        return reason;
    }

    public Verdict judge(KafkaChange change) {
        rows.clear();
        reason = null;
        DebeziumDecoder.Outcome outcome;
        try {
            outcome = decoder.decode(change, rows::add);
            for (int i = 0; i < rows.size(); i++) {
                String problem = Representability.problem(rows.get(i));
                if (problem != null) {
                    throw new DecodeException("not representable in the lake: " + problem);
                }
            }
        } catch (DecodeException e) {
            return deadLetter(e.getMessage());
        } catch (RuntimeException e) {
            // An input the decoder did not foresee must not stop the job either.
            return deadLetter("unexpected " + e);
        }
        switch (outcome) {
            case TOMBSTONE:
                return Verdict.TOMBSTONE;
            case LOGICAL_MESSAGE:
                return Verdict.LOGICAL_MESSAGE;
            case NOT_A_CHANGE:
                return Verdict.NOT_A_CHANGE;
            default:
                return Verdict.ROWS;
        }
    }

    private Verdict deadLetter(String why) {
        rows.clear();
        reason = why;
        return Verdict.DEAD_LETTER;
    }
}

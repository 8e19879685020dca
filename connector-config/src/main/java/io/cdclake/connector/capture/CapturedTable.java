package io.cdclake.connector.capture;

/** One line of {@link TableCapture#list()}: a table, where it is selected, and its state. */
public record CapturedTable(
        TableName table,
        boolean exists,
        boolean inIncludeList,
        boolean inPublication,
        CaptureState state,
        String detail) {

    /** E.g. {@code public.orders: snapshot running (public.orders)}. */
    public String describe() {
        return table + ": " + state.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}

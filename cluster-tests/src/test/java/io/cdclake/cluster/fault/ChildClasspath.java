package io.cdclake.cluster.fault;

/** The classpath of this test JVM, for service processes started from the same jars. */
final class ChildClasspath {

    private ChildClasspath() {}

    /**
     * Failsafe may start this JVM with a manifest-only jar; it publishes the real test classpath
     * as {@code surefire.test.class.path}. The manifest jar works too while this JVM runs.
     */
    static String get() {
        String classpath = System.getProperty("surefire.test.class.path");
        return classpath != null && !classpath.isBlank() ? classpath : System.getProperty("java.class.path");
    }
}

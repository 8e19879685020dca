package io.cdclake.cluster.fault;

import java.sql.Connection;

/**
 * One fault of the suite.
 *
 * @param name how the table names it
 * @param prepare what the step does to the table before its changes start (a truncate, a new
 *     column), or nothing
 * @param inject does the damage and whatever an operator does about it; returns once the service is
 *     back
 * @param changesPerSecond the pace of the step's changes
 */
record Fault(String name, Prepare prepare, Action inject, double changesPerSecond) {

    interface Prepare {
        void run(Connection db) throws Exception;
    }

    interface Action {
        void run(FaultChain chain, JobControl job) throws Exception;
    }

    static final Prepare NOTHING = db -> {};
}

package dev.marquee.outbox;

import java.util.Map;

/** What a service erases of a user; implemented by every service that holds personal data. */
public interface ErasureParticipant {
    /**
     * Deletes every row of the user this service holds and everything derived from them, inside the current
     * transaction.
     *
     * @return what was erased, as counts per kind of record
     */
    Map<String, Long> eraseUser(String userId);

    /**
     * Called once the erasure's transaction has committed (also when a re-sent request finds it done): the
     * place to forget the user in memory, which must not happen before the rows are gone for good.
     */
    default void erased(String userId) {
    }
}
